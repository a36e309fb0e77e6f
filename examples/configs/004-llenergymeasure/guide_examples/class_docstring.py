# From the guide, section "Coding Conventions > Docstrings > Class docstrings:".
class TrafficSimulation(BaseModel):
    """MLPerf-style traffic simulation for realistic load testing.

    Modes:
    - constant: Fixed inter-arrival time (1/target_qps seconds)
    - poisson: Exponential inter-arrival times (MLPerf server scenario)
    """
