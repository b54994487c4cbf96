"""A tiny SMTP server for the tests: it keeps what it is sent, can hold the first
connection before greeting (a mail server that is slow to answer) and can refuse
recipients."""

import socket
import threading
from dataclasses import dataclass, field


@dataclass
class SmtpSink:
    hold_first: bool = False
    refuse_recipients: bool = False
    messages: list[bytes] = field(default_factory=list)
    connections: int = 0

    def __post_init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> "SmtpSink":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._release.set()
        self._server.close()
        for sock in self._open:
            sock.close()

    def release(self) -> None:
        """Let a held connection go on (its client may be long gone)."""
        self._release.set()

    def _accept(self) -> None:
        while True:
            try:
                sock, _ = self._server.accept()
            except OSError:  # closed
                return
            with self._lock:
                self.connections += 1
                number = self.connections
            self._open.append(sock)
            threading.Thread(
                target=self._serve, args=(sock, number), daemon=True
            ).start()

    def _serve(self, sock: socket.socket, number: int) -> None:
        try:
            if number == 1 and self.hold_first:
                self._release.wait()
            self._session(sock)
        except OSError:
            pass
        finally:
            sock.close()

    def _session(self, sock: socket.socket) -> None:
        reader = sock.makefile("rb")

        def say(line: str) -> None:
            sock.sendall(line.encode() + b"\r\n")

        say("220 sink ESMTP")
        while True:
            line = reader.readline()
            if not line:
                return
            command = line.strip().split(b" ", 1)[0].upper()
            if command in (b"EHLO", b"HELO"):
                say("250-sink")
                say("250 8BITMIME")
            elif command == b"RCPT" and self.refuse_recipients:
                say("550 5.1.1 mailbox unavailable")
            elif command == b"DATA":
                say("354 go ahead")
                data = []
                while True:
                    chunk = reader.readline()
                    if not chunk:
                        return  # the client went away: nothing was delivered
                    if chunk in (b".\r\n", b".\n"):
                        break
                    data.append(chunk)
                with self._lock:
                    self.messages.append(b"".join(data))
                say("250 2.0.0 queued")
            elif command == b"QUIT":
                say("221 bye")
                return
            else:
                say("250 OK")
