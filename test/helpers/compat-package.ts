/**
 * requests/compat.py's way of choosing a JSON module: `json` is read by nothing in the module, but
 * other modules import it from there (`from .compat import json as complexjson`). Shared by the CLI
 * and the editor tests of F401 keeping such imports.
 */
export const JSON_FALLBACK = [
  'try:',
  '    import simplejson as json',
  '',
  '    has_simplejson = True',
  'except ImportError:',
  '    import json',
  '',
  '    has_simplejson = False',
  '',
].join('\n');

/** A module of the package that imports `json` from `compat.py`. */
export const MODELS_IMPORTING_JSON = [
  'from .compat import json as complexjson',
  '',
  '',
  'def dumps(value):',
  '    return complexjson.dumps(value)',
  '',
].join('\n');
