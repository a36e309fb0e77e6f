"""Inference metrics."""

from typing import Any, List, Optional

__all__ = ["calculate_inference_metrics", "ConfigurationException"]


class ConfigurationException(Exception):
    """Invalid configuration."""


def calculate_inference_metrics(
    num_prompts: int,
    latencies_ms: List[float],
    extra: Optional[dict[str, Any]] = None,
) -> dict[str, float]:
    """Calculate inference metrics from raw timing data.

    Args:
        num_prompts: Number of prompts.
        latencies_ms: Latencies in milliseconds.
        extra: Extra values.

    Returns:
        The metrics.
    """
    return {"prompts": float(num_prompts), "latency": sum(latencies_ms) / 1000.0}
