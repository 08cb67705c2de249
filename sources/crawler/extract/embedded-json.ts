/**
 * The JSON value (object or array) that starts at the first `{` or `[` after `marker` in a
 * script's text. Amazon's inline scripts are JavaScript, not JSON, but some of their values are
 * JSON literals (the image gallery's `'colorImages': { 'initial': [...] }`). Hand-written
 * because the value's end must be found by balancing brackets outside strings, which no regex does;
 * returns undefined when the marker is absent or the text is not JSON.
 */
export function embeddedJson(script: string, marker: string): unknown {
  const at = script.indexOf(marker);
  if (at < 0) return undefined;
  const start = script.slice(at + marker.length).search(/[[{]/) + at + marker.length;
  if (start < at + marker.length) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < script.length; i++) {
    const c = script[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return tryParseJson(script.slice(start, i + 1));
  }
  return undefined;
}

/** JSON.parse that answers undefined instead of throwing: page markup is not trusted to be well formed. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
