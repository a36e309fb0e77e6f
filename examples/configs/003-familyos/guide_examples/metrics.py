# From the guide, section "FamilyOS standards > 4) Observability (Required Instrumentation) > Metrics".
from observability.metrics import counter, histogram

request_count = counter("familyos_memory_requests_total", ["method", "status"])
response_time = histogram("familyos_memory_response_seconds", ["endpoint"])
