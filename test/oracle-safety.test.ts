import { describe, expect, it } from 'vitest';
import { ourPositions, ruffStablePositions } from './helpers/ruff-snippets';

// Ruff (the wasm build) is the oracle for the exceptions and safety rules that carry Ruff codes:
// on each snippet both must report the same (code, line, column) multiset. Ruff's stable rules, as
// released Ruff runs them: its preview B006 also flags tuples, generators and walrus defaults.
const CODES =
  'E722 BLE001 B904 TRY002 B006 S105 S106 S107 S602 S604 S605 S607 S608 S113 SIM115 T201 G001 G002 G004 PLW0603 ASYNC251 ASYNC210 ASYNC220 ASYNC221 ASYNC222 ASYNC230 PT011'.split(
    ' ',
  );

const SNIPPETS: Record<string, string> = {
  pytestRaises: `
import pytest, socket, builtins
from pytest import raises
def test_x(f):
    with pytest.raises(ValueError): pass
    with pytest.raises(ValueError, match=""): pass
    with pytest.raises(ValueError, match=None): pass
    with pytest.raises(ValueError, match=f"{''}" ""): pass
    with pytest.raises(ValueError, match=r""): pass
    with pytest.raises(expected_exception=Exception): pass
    with raises(OSError): pass
    with pytest.raises(socket.error): pass
    with pytest.raises(IOError), pytest.raises(EnvironmentError), pytest.raises(BaseException): pass
    pytest.raises((ValueError), *args)
    pytest.raises(ValueError, other=1)
    pytest.raises(ValueError, **kwargs)
    with pytest.raises(ValueError, match="must be positive"): pass
    with pytest.raises(ValueError, match=f"{x}"): pass
    with pytest.raises(ValueError, match=b""): pass
    with pytest.raises(KeyError): pass
    with pytest.raises((ValueError, TypeError)): pass
    with pytest.raises(builtins.ValueError): pass
    with pytest.raises(ValueError()): pass
    pytest.raises(ValueError, f)
    pytest.raises(ValueError, func=f)
    pytest.raises(ValueError, check=f)
    pytest.raises(*args)
def test_y(ValueError):
    with pytest.raises(ValueError): pass
`,
  blockingCallsInAsync: `
import io, os, pathlib, subprocess, requests, httpx, urllib3, codecs, tempfile
from os import P_WAIT
from pathlib import Path, PosixPath
from urllib.request import urlopen
m = Path("x")
async def work(mode, pid, url, p: Path, client):
    subprocess.Popen(["ls"]); os.popen("ls")
    os.system("ls"); subprocess.run(["ls"]); subprocess.check_output(["ls"])
    os.wait(); os.waitpid(pid, 0)
    os.spawnl(os.P_NOWAIT, "ls"); os.spawnl(P_WAIT, "ls"); os.spawnl(mode, "ls")
    os.spawnv(); os.spawnl(mode=os.P_NOWAIT)
    waiting = os.P_WAIT
    os.spawnl(waiting, "ls")
    os.spawnl(0, "ls"); os.spawnl(*args)
    requests.get(url); httpx.post(url); urlopen(url); urllib3.request("GET", url)
    requests.request("GET", url); requests.Session().get(url); await client.get(url)
    [requests.head(u) for u in url]
    open("x"); io.open("x"); io.open_code("x"); codecs.open("x"); tempfile.TemporaryFile()
    Path("x").open(); (pathlib.Path("x")).open(); p.open()
    local = Path("x")
    local.open()
    a, b = Path("a"), Path("b")
    b.open()
    c: Path = Path("x")
    c.open()
    d = Path("x") / "y"
    d.open()
    e = PosixPath("x")
    e.open()
    h = Path("x")
    h = 3
    h.open()
    (g := Path("x")).open()
    g.open()
    f = lambda: open("x")
    def inner():
        open("x"); requests.get(url); os.wait()
    class Inner:
        open("x")
def sync():
    open("x"); requests.get("x"); subprocess.run(["ls"]); os.wait()
async def shadow(open, requests, os):
    open("x"); requests.get("x"); os.wait()
`,
  exceptHandlers: `
import logging
from logging import exception as log_exception
logger = logging.getLogger(__name__)

try:
    pass
except:
    pass
try:
    pass
except:
    cleanup()
    raise
try:
    pass
except:
    if x:
        raise
try:
    pass
except Exception:
    pass
except (ValueError, BaseException) as e:
    raise e
except (ValueError, (KeyError, Exception)):
    logger.exception("boom")
try:
    pass
except Exception as err:
    raise RuntimeError("x") from err
except BaseException as err:
    raise RuntimeError("x") from other
try:
    pass
except Exception:
    logger.error("x", exc_info=True)
try:
    pass
except Exception:
    logger.error("x", exc_info=False)
try:
    pass
except Exception:
    logging.warning("x", exc_info=err)
try:
    pass
except Exception:
    log_exception("x")
try:
    pass
except Exception:
    self.log.info("x", exc_info=1)
try:
    pass
except Exception:
    x = logger.exception("assigned, not a statement")
try:
    pass
except Exception:
    def inner():
        raise
try:
    pass
except Exception:
    try:
        pass
    finally:
        raise
try:
    pass
except Exception:
    for i in range(3):
        pass
    else:
        raise
`,
  raises: `
import builtins
try:
    pass
except ValueError as e:
    raise KeyError("k")
except KeyError as e:
    raise e
except OSError:
    raise RuntimeError
except TypeError as e:
    if a:
        raise ValueError() from None
    elif b:
        raise ValueError()
    else:
        raise ValueError
    while c:
        raise ValueError
    else:
        raise ValueError
    with d:
        raise ValueError
    for x in y:
        raise ValueError
    else:
        raise ValueError
    match z:
        case 1:
            raise ValueError
    try:
        raise ValueError
    except Exception:
        pass
    def f():
        raise ValueError
try:
    pass
except* ValueError:
    raise TypeError("grouped")
raise Exception("plain")
raise Exception
raise BaseException()
raise builtins.Exception("x")
raise ValueError("fine")
def shadow(Exception):
    raise Exception("param")
`,
  mutableDefaults: `
import collections
from collections import defaultdict as dd
from typing import Sequence, Optional, Mapping, Union, Annotated
def a(x=[], y={}, z=set(), w=list(), v=dict(), u=(1, 2), t=collections.deque(), s=dd(list)):
    pass
def b(x: Sequence[int] = [], y: Optional[Mapping[str, int]] = {}, z: tuple = [], w: "Sequence[int]" = []):
    pass
def c(x: Union[Sequence[int], None] = [], y: Sequence[int] | None = [], z: list[int] = [], q: Annotated[Sequence[int], 1] = []):
    pass
def d(x=[i for i in range(3)], y={k: 1 for k in "ab"}, z=(i for i in range(3)), w=([],), v=(n := [])):
    pass
def e(*, x=[], **kw):
    pass
lambda q=[]: q
class K:
    def m(self, cache={}): return cache
    async def n(self, seen=set()):
        """Doc."""
        return seen
def f(x=list[int]()):
    pass
def g(x=frozenset(), y=tuple(), z=()):
    pass
`,
  secrets: `
password = "hunter2"
PASSWORD = ""
api_token = "abc"
my_secret = "s"
secret_key = "x"
self_password = 'y' 'z'
passwd, other = "a", "b"
obj.token = "t"
d["password"] = "p"
d["user"] = "u"
d[password] = "p"
passphrase: str = "correct horse"
token = f"{x}"
token = b"bytes"
a = password = "chain"
if password == "hunter2":
    pass
if "hunter2" == password:
    pass
if token != "" or token in ("a", "b"):
    pass
if obj.pwd is not "x":
    pass
connect(password="p", user="u", auth_token="", token=f"{t}", pass_phrase="pp", secrete="s")
class C(metaclass=M, token="x"):
    pass
def login(user, password="admin", token="", *, api_secret="s", passwd=None):
    pass
async def login2(password: str = "x"):
    pass
tokenizer = "gpt2"
TOKEN_TYPE = "bearer"
passing = "x"
PassWord = "y"
`,
  shell: `
import os
import subprocess
import subprocess as sp
from subprocess import run, Popen
subprocess.run("ls", shell=True)
subprocess.run(cmd, shell=True)
subprocess.call(["ls"], shell=1)
sp.check_output(args="ls", shell="yes")
run(f"echo {x}", shell=True)
Popen(*cmd, shell=True)
subprocess.run(shell=True)
subprocess.run("ls", shell=False)
subprocess.run("ls", shell=flag)
subprocess.run("ls", shell=[])
os.system("ls", shell=True)
helper("ls", shell=True)
helper.run(cmd, shell=[1])
helper(shell=True)
helper(shell=0)
def f(subprocess):
    subprocess.run("ls", shell=True)
def g():
    import subprocess
    subprocess.run(cmd, shell=True)
`,
  sql: `
query = "SELECT * FROM users WHERE id = %s" % user_id
query = "SELECT * FROM users WHERE id = {}".format(user_id)
query = f"SELECT * FROM users WHERE id = {user_id}"
query = f"SELECT * FROM users"
query = "SELECT * FROM users WHERE id = " + user_id
query = "SELECT * FROM " + table + " WHERE id = 1"
query = a + "SELECT x FROM t WHERE y = " + b + c
query = "delete from t where id = %d" % n
query = "INSERT INTO t (a) VALUES (%s)" % v
query = "update t set a = %s" % v
query = "REPLACE INTO t VALUES (1)" % v
query = """
SELECT a
FROM t
WHERE x = %s
""" % x
query = """SELECT a FROM t WHERE x = %s""" % x
query = f"""
SELECT a
FROM t
WHERE x = {x}
"""
query = "SELECT a " f"FROM t WHERE x = {x}"
query = "select " + str(1) + " from t"
query = 1 + 2
query = "selected items from the list: " + items
query = "The update will set values" % v
query = ("SELECT a FROM t WHERE b = " + b) % c
query = "SELECT * FROM t WHERE id = %s" % (x,) + "y"
query = ("SELECT * " "FROM t WHERE id = %s") % x
query = b"SELECT * FROM t WHERE id = %s" % x
query = "SELECT * FROM t WHERE id = " + 5
log("SELECT * FROM " + name)
cursor.execute("SELECT * FROM users WHERE id = ?", (user_id,))
`,
  requests: `
import requests
import httpx
from requests import get as fetch
requests.get("https://x")
requests.post(url, data=d)
requests.get(url, timeout=None)
requests.get(url, timeout=5)
requests.request("GET", url)
requests.Session().get(url)
fetch(url)
requests.get(url, **kwargs)
httpx.get(url)
httpx.get(url, timeout=None)
httpx.Client(timeout=None)
httpx.AsyncClient()
requests.patch(
    url,
    json=body,
)
def local():
    import requests as rq
    rq.delete(url)
def shadow(requests):
    requests.get(url)
`,
  files: `
import contextlib
import gzip
import io
import pathlib
import tempfile
import zipfile
from pathlib import Path
f = open("x")
with open("x") as f:
    pass
with contextlib.closing(open("x")) as f:
    pass
data = open("x").read()
open("x").close()
g = gzip.open("x")
h = io.open("x")
t = tempfile.NamedTemporaryFile()
p = pathlib.Path("x").open()
q = Path("x").open("rb")
z = zipfile.ZipFile("a.zip").open("b")
def opener():
    return open("x")
def opener2():
    fh = open("x")
    return fh
class Resource:
    def __enter__(self):
        self.fh = open("x")
        return self
with contextlib.ExitStack() as stack:
    fh = stack.enter_context(open("x"))
stack = contextlib.ExitStack()
fh = stack.enter_context(open("x"))
async def f():
    async with contextlib.AsyncExitStack() as stack:
        fh = await stack.enter_async_context(open("x"))
class T:
    def setUp(self):
        self.enterContext(open("x"))
files = [open(p) for p in paths]
`,
  prints: `
import sys
from builtins import print as echo
print("x")
print("x", file=sys.stderr)
print("x", file=sys.stdout)
print("x", file=None)
print("x", file=fh)
echo("y")
x = print
value = [print(i) for i in range(3)]
def print_report(print):
    print("param shadows")
obj.print("method")
`,
  loggingFStrings: `
import logging
from logging import info, getLogger
logger = logging.getLogger(__name__)
log = logger
logger.info(f"x {y}")
logger.info("x %s", y)
logger.info(f"no placeholders")
logger.log(logging.INFO, f"x {y}")
logger.log(f"level is first {y}")
logging.warning(f"w {y}")
info(f"i {y}")
getLogger().error(f"e {y}")
logging.getLogger("a").debug(f"d {y}")
self.logger.critical(f"c {y}")
self._log.exception(f"c {y}")
LOGGER.warn(f"c {y}")
log.info(msg=f"kw {y}")
printer.info(f"not a logger {y}")
logger.info("x" f"{y}")
logger.info(f"{y}", extra={"a": 1})
logger.info("%s" % y)
logger.info("{}".format(y))
logger.info(*args)
`,
  globals: `
counter = 0
def bump():
    global counter
    counter += 1
    counter = counter + 1
def read():
    global counter
    return counter
def many():
    global a, b, c, d, e, f
    a = 1
    b: int = 2
    c, d = 3, 4
    import e
    def f():
        pass
    del a
    for b in range(3):
        pass
class Config:
    global setting
    setting = 1
def nested():
    global x
    def inner():
        x = 1
    if cond:
        x = 2
`,
  asyncSleep: `
import time
import asyncio
from time import sleep
async def a():
    time.sleep(1)
    sleep(2)
    await asyncio.sleep(1)
    f = lambda: time.sleep(1)
    def inner():
        time.sleep(1)
    class K:
        time.sleep(1)
    [time.sleep(i) for i in range(3)]
def b():
    time.sleep(1)
async def c(time):
    time.sleep(1)
`,
  loggingFormats: `
import logging
from logging import warning
logger = logging.getLogger(__name__)
log = logger

logger.info("a {}".format(x))
logger.info(("a {}".format(x)))
logger.info(template.format(x))
logger.info(b"a {}".format(x))
logger.info(1 .format(x))
logger.info(f"{x}".format(y))
logging.info(("a" "b").format(x))
logger.info("a %s" % x)
logger.info((template % x))
logger.info(3 % x)
logger.log(logging.INFO, "a %s" % x)
logger.error(msg="a %s" % x)
logger.info("x", "a %s" % x)
warning("a %s" % x)
log.debug("a {}".format(x))
printer.info("a %s" % x)
`,
  processes: `
import os, subprocess
from os import popen
from subprocess import run as run_process

os.system("ls")
os.system(cmd)
os.system(("ls"))
os.system(f"ls {x}")
os.system()
os.system(command="ls")
popen("ls -l")
os.popen(["ls"])
os.system(b"ls")
os.system(*a)
subprocess.getoutput("ls")
run_process("ls")
subprocess.run(["ls", "-l"])
subprocess.run(("ls",))
subprocess.run(["/bin/ls"])
subprocess.run("./ls")
subprocess.run("C:\\ls")
subprocess.run("\\ls")
subprocess.run(args="ls")
subprocess.run("ls", shell=True)
subprocess.run([cmd, "ls"])
subprocess.run(f"ls")
subprocess.run("")
subprocess.run(["ls" "x"])
subprocess.run([*a])
subprocess.run(*a)
subprocess.run(u"ls")
subprocess.run(b"ls")
os.execl("ls")
os.spawnl(os.P_WAIT, "ls")
os.startfile("x.txt")
`,
};

describe('oracle: exceptions and safety rules agree with Ruff', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, async () => {
      expect(await ourPositions(source, CODES)).toEqual(ruffStablePositions(source, CODES));
    });
  }
});
