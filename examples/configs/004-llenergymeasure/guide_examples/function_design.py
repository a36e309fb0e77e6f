# From the guide, section "Coding Conventions > Function Design > Example from `src/llenergymeasure/core/inference.py`:".
def calculate_inference_metrics(
    num_prompts: int,
    latencies_ms: list[float],
    total_input_tokens: int,
    total_generated_tokens: int,
) -> InferenceMetrics:
    """Calculate inference metrics from raw timing data.

    Returns domain object, not dict.
    """
    return InferenceMetrics(
        input_tokens=total_input_tokens,
        output_tokens=total_generated_tokens,
        total_tokens=total_input_tokens + total_generated_tokens,
        inference_time_sec=sum(latencies_ms) / 1000.0,
        tokens_per_second=tps,
        latency_per_token_ms=latency_per_token,
    )
