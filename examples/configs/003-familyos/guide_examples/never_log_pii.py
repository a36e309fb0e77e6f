# From the guide, section "FamilyOS standards > 3) Security & Privacy (Mandatory Enforcement) > Never Log PII".
from observability.logging import get_logger

logger = get_logger(__name__)
logger.info("Memory created", extra={"memory_id": memory_id, "user_id": "[REDACTED]"})
