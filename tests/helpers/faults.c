/* Fault injection for tests, loaded with LD_PRELOAD into a build: BROADSHEET_FAULT="call:n:action"
 * makes the n-th call of `call` (rename, link, unlink, rmdir, mkdir, write; counted over all
 * threads) kill the process with SIGKILL before the call happens ("kill"), or fail with an errno,
 * that call and every later one ("ENOSPC", "EIO"): a disk that fills up stays full. "count" only
 * counts, and appends the count to the file named by BROADSHEET_FAULT_LOG when the process exits.
 * Writes are counted and failed only on regular files, so the build can still report on its pipes.
 * Built by tests/helpers/faults.ts with the system C compiler. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static char call[32];
static long at = -1;
static int fault; /* 0: kill, -1: count, else an errno */
static atomic_long seen;

__attribute__((constructor)) static void setup(void) {
  const char *spec = getenv("BROADSHEET_FAULT");
  if (!spec) return;
  const char *colon = strchr(spec, ':');
  if (!colon || (size_t)(colon - spec) >= sizeof call) return;
  memcpy(call, spec, colon - spec);
  at = strtol(colon + 1, NULL, 10);
  const char *action = strchr(colon + 1, ':');
  action = action ? action + 1 : "kill";
  fault = strcmp(action, "ENOSPC") == 0 ? ENOSPC : strcmp(action, "EIO") == 0 ? EIO : strcmp(action, "count") == 0 ? -1 : 0;
}

__attribute__((destructor)) static void report(void) {
  const char *log = getenv("BROADSHEET_FAULT_LOG");
  if (fault != -1 || !log) return;
  FILE *file = fopen(log, "a");
  if (!file) return;
  fprintf(file, "%ld\n", atomic_load(&seen));
  fclose(file);
}

/* Whether this call is to fail (errno set) or the process to die here. */
static int tamper(const char *name) {
  if (at < 0 || strcmp(name, call) != 0) return 0;
  long n = atomic_fetch_add(&seen, 1) + 1;
  if (fault == -1) return 0;
  if (fault == 0) {
    if (n == at) raise(SIGKILL);
    return 0;
  }
  if (n < at) return 0;
  errno = fault;
  return 1;
}

static int regular(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

#define REAL(name) static __typeof__(name) *real; if (!real) real = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

int rename(const char *from, const char *to) { REAL(rename); return tamper("rename") ? -1 : real(from, to); }
int link(const char *from, const char *to) { REAL(link); return tamper("link") ? -1 : real(from, to); }
int unlink(const char *path) { REAL(unlink); return tamper("unlink") ? -1 : real(path); }
int rmdir(const char *path) { REAL(rmdir); return tamper("rmdir") ? -1 : real(path); }
int mkdir(const char *path, mode_t mode) { REAL(mkdir); return tamper("mkdir") ? -1 : real(path, mode); }
ssize_t write(int fd, const void *buf, size_t count) { REAL(write); return regular(fd) && tamper("write") ? -1 : real(fd, buf, count); }
ssize_t writev(int fd, const struct iovec *iov, int n) { REAL(writev); return regular(fd) && tamper("write") ? -1 : real(fd, iov, n); }
