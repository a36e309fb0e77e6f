# From the guide, section "Setu Python Style Guide > Logging > Logger Initialization".
from setu.logger import init_logger

logger = init_logger(__name__)

class InferenceEngine:
    def __init__(self, config: InferenceEngineConfig):
        logger.info("Initializing InferenceEngine with config: %s", config.model_name)
        self.config = config
        # ... initialization
