/**
 * Tiny DOM helpers. Text always goes in through textContent, never
 * innerHTML: persona files, suggestions and LLM replies are data, not markup.
 */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function option(value: string, label: string): HTMLOptionElement {
  const o = el('option', { value }, label);
  return o;
}

/** Set an element's text only when it differs (cheap to call every frame). */
export function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
