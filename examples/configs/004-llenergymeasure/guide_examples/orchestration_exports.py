# From the guide, section "Coding Conventions > Module Design > Example from `src/llenergymeasure/orchestration/__init__.py`:".
from llenergymeasure.orchestration.context import (
    ExperimentContext,
    experiment_context,
)
from llenergymeasure.orchestration.factory import (
    build_energy_backend,
    build_inference_engine,
)
from llenergymeasure.orchestration.runner import ExperimentOrchestrator

__all__ = [
    "ExperimentContext",
    "experiment_context",
    "build_energy_backend",
    "build_inference_engine",
    "ExperimentOrchestrator",
]
