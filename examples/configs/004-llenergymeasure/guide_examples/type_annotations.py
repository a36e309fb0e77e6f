# From the guide, section "Coding Conventions > Type Annotations > Example from `src/llenergymeasure/core/inference.py`:".
def calculate_inference_metrics(
    num_prompts: int,
    latencies_ms: list[float],
    total_input_tokens: int,
    total_generated_tokens: int,
) -> InferenceMetrics:
    """Calculate inference metrics from raw timing data."""
