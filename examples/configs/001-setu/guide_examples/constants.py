# From the guide, section "Setu Python Style Guide > Naming Conventions > Constants > UPPER_SNAKE_CASE".
MAX_SEQUENCE_LENGTH: int = 4096
DEFAULT_TEMPERATURE: float = 1.0
SUPPORTED_MODELS: List[str] = ["llama", "mistral", "mixtral"]
