# From the guide, section "FamilyOS standards > 4) Observability (Required Instrumentation) > Structured Logs".
logger.info("Memory operation completed", extra={
    "operation": "create",
    "memory_id": memory_id,
    "correlation_id": context.correlation_id,
    "duration_ms": duration
})
