# Generated code: excluded by `exclude = ["generated"]` in pyproject.toml.
class schema_message: pass
