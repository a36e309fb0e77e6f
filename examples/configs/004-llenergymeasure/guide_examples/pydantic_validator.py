# From the guide, section "Coding Conventions > Pydantic Patterns > Example validator:".
# Wrapper ours (not the guide's): the guide shows a method, so it sits in a class here.
class _Method:
    @field_validator("target_qps")
    @classmethod
    def validate_qps(cls, v: float) -> float:
        if v <= 0:
            raise ValueError("target_qps must be positive")
        return v
