# From the guide, section "Coding Conventions > Logging > Format patterns:".
# Structured logging with context
logger.info("Experiment started: {experiment_id}", experiment_id=exp_id)

# F-string for complex messages
logger.debug(f"bitsandbytes {bnb_version}: 4bit={supports_4bit}, 8bit={supports_8bit}")

# Context in warnings/errors
logger.warning(f"GPU cleanup failed: {e}")
logger.error(f"All {max_retries + 1} attempts failed: {e}")
