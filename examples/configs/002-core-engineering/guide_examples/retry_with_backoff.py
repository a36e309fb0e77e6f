# From the guide, section "Python Core Engineering Practices > Examples > Right — Exponential backoff, jitter, max attempts, idempotent operation".
import random

def fetch_with_retry(url, max_attempts=5):
    for attempt in range(max_attempts):
        try:
            return client.get(url, timeout=5)
        except (TimeoutError, ConnectionError):
            if attempt == max_attempts - 1:
                raise
            delay = (2 ** attempt) + random.uniform(0, 1)
            time.sleep(delay)
