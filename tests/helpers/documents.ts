// Test helpers that read built pages the way their readers do: HTML through parse5 (the WHATWG
// parser browsers implement) and XML through saxes (a conformant parser: a feed that is not
// well-formed, or uses an undeclared prefix, throws).

import { parse as parseHtml, type DefaultTreeAdapterTypes } from "parse5";
import { SaxesParser } from "saxes";

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
/** An element of a parsed HTML page. */
export type HtmlElement = DefaultTreeAdapterTypes.Element;

/** Every element of an HTML document, in document order (template contents included). */
export function htmlElements(html: string): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (node: Node): void => {
    if ("tagName" in node) found.push(node);
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
    if ("content" in node && node.content) walk(node.content as unknown as Node);
  };
  walk(parseHtml(html));
  return found;
}

/** An attribute's value, or undefined. */
export const attr = (element: HtmlElement, name: string): string | undefined => element.attrs.find((a) => a.name === name)?.value;

/** The text an HTML element holds (what a reader sees, or a script's source). */
export function htmlText(element: HtmlElement): string {
  let text = "";
  const walk = (node: Node): void => {
    if (node.nodeName === "#text") text += (node as DefaultTreeAdapterTypes.TextNode).value;
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
  };
  walk(element);
  return text;
}

/** An element of a parsed XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: (XmlElement | string)[];
}

/** Parses an XML document with namespaces checked; throws on anything not well-formed. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const document: XmlElement = { name: "#document", attributes: {}, children: [] };
  const stack: XmlElement[] = [document];
  let failure: Error | undefined;
  parser.on("error", (error) => (failure ??= error));
  parser.on("opentag", (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const element: XmlElement = { name: tag.name, attributes, children: [] };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (text) => void stack.at(-1)!.children.push(text));
  parser.on("cdata", (text) => void stack.at(-1)!.children.push(text));
  parser.write(text).close();
  if (failure) throw failure;
  return document.children.find((child): child is XmlElement => typeof child !== "string")!;
}

/** Every element named `name` under an XML element. */
export function xmlAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child === "string") continue;
    if (child.name === name) found.push(child);
    found.push(...xmlAll(child, name));
  }
  return found;
}

/** The text of an XML element. */
export const xmlText = (element: XmlElement): string => element.children.map((child) => (typeof child === "string" ? child : xmlText(child))).join("");
