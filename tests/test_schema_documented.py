"""Every field of the record schema explains itself: the field reference page and `partnerships new` are made from it."""

from __future__ import annotations

from partnership_register.load import schema as schema_mod

# Groups from schema 1.0 whose example is built from their parts (partnerships new does that); new ones give one.
BUILT_EXAMPLES = {"sponsoring_officer", "accountable_officer", "budget_holder", "approval.finance_approval",
                  "approval.legal_approval", "risks[].controls_planned"}
YAML_11_BOOLEANS = {"on", "off", "yes", "no", "y", "n"}


def _walk(node, path=""):
    for key, sub in node.get("properties", {}).items():
        here = f"{path}.{key}" if path else key
        yield here, key, sub
        child = sub.get("items") if sub.get("type") == "array" else sub
        if isinstance(child, dict) and child.get("type") == "object":
            yield from _walk(child, here + ("[]" if sub.get("type") == "array" else ""))


def test_schema_fields_documented():
    schema = schema_mod.load_schema()
    problems = []
    for path, key, sub in _walk(schema):
        for part in ("title", "description"):
            if not sub.get(part):
                problems.append(f"{path}: no {part}")
        if "examples" not in sub and path not in BUILT_EXAMPLES:
            problems.append(f"{path}: no examples")
        values = (sub.get("items", {}) if sub.get("type") == "array" else sub).get("enum")
        if values and set(sub.get("x-enum-descriptions", {})) != set(values):
            problems.append(f"{path}: x-enum-descriptions do not match the values")
        child = sub.get("items") if sub.get("type") == "array" else sub
        if isinstance(child, dict) and child.get("type") == "object" and child.get("additionalProperties") is not False:
            problems.append(f"{path}: a group must refuse unknown fields (additionalProperties: false)")
        if key in YAML_11_BOOLEANS:
            problems.append(f"{path}: YAML 1.1 tools read this key as a boolean")
        if sub.get("x-internal") and "Internal" not in sub.get("description", ""):
            problems.append(f"{path}: internal, but the description does not say so")
    assert problems == []

