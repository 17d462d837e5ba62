// `/** … */` doc comments: the text, and `@tag value` lines (a tag's value runs on to the next
// tag). Used for config classes (build-plugin spec) and for the API reference (docs/api).

export interface DocTag {
  name: string;
  value: string;
}

export interface DocComment {
  /** the prose before the first tag, paragraphs kept (blank line between) */
  text: string;
  tags: DocTag[];
}

/** Reads the body of one `/** … *\/` comment (the markers included or not). */
export function parseDocComment(raw: string): DocComment {
  const body = raw.replace(/^\s*\/\*\*/, "").replace(/\*\/\s*$/, "");
  const lines = body.split("\n").map((l) => l.replace(/^\s*\* ?/, "").replace(/\s+$/, ""));
  const text: string[] = [];
  const tags: DocTag[] = [];
  for (const line of lines) {
    const tag = /^\s*@([A-Za-z][\w.-]*)\s*(.*)$/.exec(line);
    if (tag) tags.push({ name: tag[1], value: tag[2] });
    else if (tags.length) {
      const last = tags[tags.length - 1];
      last.value = last.value ? `${last.value}\n${line}` : line;
    } else text.push(line);
  }
  for (const t of tags) t.value = t.value.trim();
  return {
    text: text
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
    tags,
  };
}

/**
 * The doc comment that ends right before `start` in `source` (only whitespace, line comments
 * and decorators between), or null.
 */
export function docCommentBefore(source: string, start: number): DocComment | null {
  let head = source.slice(0, start);
  // decorators (`@inline`, `@unmanaged`) and `//` lines may sit between comment and declaration
  for (;;) {
    const trimmed = head
      .replace(/\s+$/, "")
      .replace(/(^|\n)[ \t]*\/\/[^\n]*$/, "$1")
      .replace(/@[A-Za-z_][\w.]*(\([^()]*\))?$/, "");
    if (trimmed === head) break;
    head = trimmed;
  }
  if (!head.endsWith("*/")) return null;
  const open = head.lastIndexOf("/**");
  if (open < 0 || head.slice(open + 2, -2).includes("*/")) return null;
  return parseDocComment(head.slice(open));
}

/** The value of the first tag called `name` (case-insensitive), or undefined. */
export function tagValue(doc: DocComment | null, name: string): string | undefined {
  return doc?.tags.find((t) => t.name.toLowerCase() === name.toLowerCase())?.value;
}
