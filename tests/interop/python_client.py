#!/usr/bin/python3
"""Python interop: the python-socketio client (Debian python3-socketio 5.7)
against the server at SERVER_URL, over WebSocket and over polling.

For each transport it connects to /, emits `echo` with an ack (text, JSON and
binary arguments) and checks the ack, joins `bench`, emits `broadcast` and
checks that `msg` comes back with the payload.

    SERVER_URL=http://127.0.0.1:3000 python3 tests/interop/python_client.py

Exit status 0 when every check passed, 1 otherwise. Debian's packages live
in the system interpreter; another python3 first on PATH (pyenv, a venv)
hands over to /usr/bin/python3 when it cannot import socketio.
"""

import os
import sys
import threading

try:
    import socketio
except ImportError:
    SYSTEM_PYTHON = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(SYSTEM_PYTHON):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, *sys.argv])
    raise

SERVER_URL = os.environ.get("SERVER_URL", "http://127.0.0.1:3000").rstrip("/")
TIMEOUT_S = 5

results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    suffix = f" ({detail})" if detail else ""
    print(f"{'ok  ' if ok else 'FAIL'} {name}{suffix}", flush=True)
    return ok


def run(transport):
    sio = socketio.Client(reconnection=False)
    received = []
    got_msg = threading.Event()

    @sio.on("msg")
    def on_msg(*args):
        # Extra trailing arguments (a recovery offset) may follow the payload.
        received.append(args)
        got_msg.set()

    try:
        sio.connect(SERVER_URL, transports=[transport], wait_timeout=TIMEOUT_S)
        check(f"[{transport}] connects", sio.connected)
        check(f"[{transport}] uses {transport}", sio.transport() == transport, sio.transport())

        args = ("hello", 42, {"a": [1, True, None], "é": "ü"}, b"\x00\x01\xfe\xff")
        ack = sio.call("echo", args, timeout=TIMEOUT_S)
        check(f"[{transport}] echo acks its arguments", ack == args, repr(ack))

        ack = sio.call("echo", {"nested": {"blob": b"\x01\x02\x03"}}, timeout=TIMEOUT_S)
        check(f"[{transport}] echo acks nested binary", ack == {"nested": {"blob": b"\x01\x02\x03"}}, repr(ack))

        ack = sio.call("join", "bench", timeout=TIMEOUT_S)
        check(f"[{transport}] join acks with no arguments", ack is None, repr(ack))

        payload = {"from": "python", "transport": transport}
        ack = sio.call("broadcast", payload, timeout=TIMEOUT_S)
        check(f"[{transport}] broadcast acks with no arguments", ack is None, repr(ack))
        got = got_msg.wait(TIMEOUT_S)
        check(
            f"[{transport}] receives its broadcast as msg",
            got and len(received) == 1 and received[0][0] == payload,
            repr(received),
        )
    except Exception as err:  # noqa: BLE001 - any failure is a failed check
        check(f"[{transport}] runs without error", False, f"{type(err).__name__}: {err}")
    finally:
        if sio.connected:
            sio.disconnect()


def main():
    print(f"python-socketio client -> {SERVER_URL}", flush=True)
    for transport in ("websocket", "polling"):
        run(transport)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 and results["passed"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
