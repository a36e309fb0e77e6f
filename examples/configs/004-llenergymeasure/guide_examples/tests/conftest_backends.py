# From the guide, section "Coding Conventions > Comments > Example from `tests/conftest_backends.py`:".
# Sleep 10% of simulated time to avoid blocking tests
time.sleep(total_latency_sec * 0.1)
