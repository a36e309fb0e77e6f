# From the guide, section "Coding Conventions > Docstrings > Complex function:".
# Wrapper ours (not the guide's): the guide shows a method, so it sits in a class here.
class _Method:
    def initialize(self, config: ExperimentConfig, runtime: BackendRuntime) -> None:
        """Initialize the inference backend with model and configuration.

        Args:
            config: Experiment configuration containing model name and parameters.
            runtime: Runtime context with device info and distributed settings.

        Raises:
            BackendInitializationError: If model loading fails.
        """
