# From the guide, section "Coding Conventions > Pydantic Patterns > Model definition:".
class TrafficSimulation(BaseModel):
    """MLPerf-style traffic simulation for realistic load testing."""

    enabled: bool = Field(default=False, description="Enable traffic simulation")
    mode: Literal["constant", "poisson"] = Field(
        default="poisson",
        description="Traffic arrival pattern (MLPerf terminology)"
    )
    target_qps: float = Field(
        default=1.0,
        gt=0,
        description="Target queries per second"
    )
    seed: int | None = Field(
        default=None,
        description="Random seed for reproducibility"
    )
