# From the guide, section "Coding Conventions > Logging > Example from `src/llenergymeasure/logging.py`:".
VERBOSE_FORMAT = (
    "<green>{time:HH:mm:ss}</green> | "
    "<level>{level: <8}</level> | "
    "<cyan>{name}</cyan>:<cyan>{function}</cyan> - "
    "<level>{message}</level>"
)

SIMPLE_FORMAT = "<level>{level: <8}</level> | <level>{message}</level>"
