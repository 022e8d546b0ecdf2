"""``publish serve``'s app on a thread, on a port the system picks on 127.0.0.1: for the browser
test, the screenshots and the load bench, which drive a real server without a subprocess to
manage (uvicorn on a socket bound here, as the browser-tests recipe does it)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from starlette.applications import Starlette


@contextlib.contextmanager
def running(archive: Path, cache: Path, *, jobs: int = 2) -> Iterator[tuple[str, Starlette]]:
    """The base URL and the app, once it answers; the server stops on leaving."""
    import uvicorn

    from publish.serve.app import ServeConfig, create_app

    app = create_app(ServeConfig(archive=archive, cache=cache, jobs=jobs))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", app
    finally:
        server.should_exit = True
        thread.join(60)
        sock.close()
