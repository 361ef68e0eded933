"""The API reference is consistent: docs/api_schema.json is a valid JSON schema set, it is
up to date with docs/api_fragments/*.json, and every documented example (docs/api.md, from
the generator's examples and the fragments' ``example``) matches its method's schema.

No database: the files are read as they are (``python .ci/gen_api_docs.py`` writes them).
"""

import json
import pathlib
import re

import jsonschema
import pytest

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
SCHEMA = json.loads((DOCS / "api_schema.json").read_text())
FRAGMENTS = sorted((DOCS / "api_fragments").glob("*.json"))
JSON_BLOCK = re.compile(r"```json\n(.*?)\n```", re.S)


def _md_sections():
    """``{method: markdown of its section}`` from docs/api.md."""
    text = (DOCS / "api.md").read_text()
    sections = {}
    for chunk in re.split(r"^### ", text, flags=re.M)[1:]:
        match = re.match(r"`([^`]+)`", chunk)
        if match:
            sections[match.group(1)] = chunk.split("\n## ")[0]
    return sections


def _md_examples():
    """``{method: (params, result)}``: the examples rendered in docs/api.md."""
    examples = {}
    for method, section in _md_sections().items():
        _head, sep, tail = section.partition("Example request (params) and result:")
        if not sep:
            continue
        blocks = JSON_BLOCK.findall(tail)
        assert len(blocks) == 2, f"{method}: expected a params and a result block"
        examples[method] = tuple(json.loads(b) for b in blocks)
    return examples


def _fragment_examples():
    examples = {}
    for path in FRAGMENTS:
        for method, spec in json.loads(path.read_text()).get("methods", {}).items():
            if "example" in spec:
                examples[method] = (path.name, spec["example"])
    return examples


MD_EXAMPLES = _md_examples()
FRAGMENT_EXAMPLES = _fragment_examples()


def _validator(schema):
    full = {"definitions": SCHEMA["definitions"], **schema}
    return jsonschema.Draft7Validator(full)


def _errors(schema, instance):
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in _validator(schema).iter_errors(instance)
    ]


def test_schema_is_valid():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    for name, spec in SCHEMA["methods"].items():
        for key in ("summary", "auth", "write", "params", "result", "errors"):
            assert key in spec, f"{name}: no {key}"
        assert spec["params"].get("type") == "object", name
        for code in spec["errors"]:
            assert re.fullmatch(r"SF_[A-Z0-9_]+", code), (name, code)
        # every $ref points to a definition
        for ref in re.findall(r'"\$ref": "#/definitions/([^"]+)"', json.dumps(spec)):
            assert ref in SCHEMA["definitions"], (name, ref)


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=lambda p: p.name)
def test_fragment_in_generated_schema(fragment):
    """docs/api_schema.json was regenerated after the fragment changed."""
    data = json.loads(fragment.read_text())
    assert set(data) <= {"definitions", "methods", "error_codes", "common_errors"}, fragment.name
    for code, when in data.get("error_codes", {}).items():
        assert SCHEMA.get("error_codes", {}).get(code) == when, (
            f"error code {code} of {fragment.name}: run `python .ci/gen_api_docs.py`"
        )
    for name, definition in data.get("definitions", {}).items():
        assert SCHEMA["definitions"].get(name) == definition, (
            f"definition {name} of {fragment.name} differs from docs/api_schema.json: "
            "run `python .ci/gen_api_docs.py`"
        )
    for name, spec in data.get("methods", {}).items():
        assert SCHEMA["methods"].get(name) == spec, (
            f"method {name} of {fragment.name} differs from docs/api_schema.json: "
            "run `python .ci/gen_api_docs.py`"
        )
        jsonschema.Draft7Validator.check_schema(spec["params"])
        jsonschema.Draft7Validator.check_schema(spec["result"])


def test_every_method_documented():
    sections = _md_sections()
    assert set(sections) == set(SCHEMA["methods"]), "docs/api.md is not up to date"


@pytest.mark.parametrize("method", sorted(FRAGMENT_EXAMPLES))
def test_fragment_example_rendered(method):
    """A fragment's example is the one docs/api.md shows (unless the generator has its own)."""
    name, example = FRAGMENT_EXAMPLES[method]
    assert set(example) == {"params", "result"}, (name, method)
    assert method in MD_EXAMPLES, f"{method} ({name}): example missing from docs/api.md"
    assert MD_EXAMPLES[method] == (example["params"], example["result"]), (
        f"{method} ({name}): docs/api.md shows another example: run `python .ci/gen_api_docs.py`"
    )


def _all_examples():
    examples = dict(MD_EXAMPLES)
    for method, (_name, example) in FRAGMENT_EXAMPLES.items():
        examples.setdefault(method, (example.get("params"), example.get("result")))
    return examples


ALL_EXAMPLES = _all_examples()
# Documentation bugs reported to the generator's owner (remove once fixed).
KNOWN_PARAMS_BUGS = {}


def test_examples_exist():
    assert ALL_EXAMPLES, "no example found in docs/api.md nor in docs/api_fragments"


@pytest.mark.parametrize("method", sorted(ALL_EXAMPLES))
def test_example_matches_schema(method):
    assert method in SCHEMA["methods"], f"example of an undocumented method {method}"
    spec = SCHEMA["methods"][method]
    params, result = ALL_EXAMPLES[method]
    params_errors = _errors(spec["params"], params)
    if params_errors and method in KNOWN_PARAMS_BUGS:
        pytest.xfail(KNOWN_PARAMS_BUGS[method])
    assert not params_errors, (method, "params", params_errors)
    assert not _errors(spec["result"], result), (method, "result", _errors(spec["result"], result))
    if spec["write"]:
        assert params.get("request_uid"), f"{method} writes: its example needs a request_uid"


def test_error_example_matches_schema():
    text = (DOCS / "api.md").read_text()
    _head, sep, tail = text.partition("Error example:")
    assert sep, "docs/api.md shows no error example"
    example = json.loads(JSON_BLOCK.search(tail).group(1))
    errors = _errors(SCHEMA["definitions"]["error_response"], example)
    assert not errors, errors
