import subprocess
import time

import requests

API_TOKEN = "sk-prod-abc123"


def fetch(url, cursor, user_id):
    for _ in range(5):
        try:
            return requests.get(url)
        except Exception:
            time.sleep(1)
    f = open("/tmp/log.txt")
    f.write(url)
    cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")
    subprocess.run(f"echo {url}", shell=True)
    return None


def fetch_with_retry(url: str, max_attempts: int = 5) -> "requests.Response | str":
    for attempt in range(max_attempts):
        try:
            return requests.get(url, timeout=5)
        except (TimeoutError, ConnectionError):
            if attempt == max_attempts - 1:
                raise
            time.sleep(2**attempt)
    with open("/tmp/log.txt") as f:
        return f.read()
