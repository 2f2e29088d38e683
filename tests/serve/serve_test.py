#!/usr/bin/env python3
"""`cotation serve`, black box: the real program on an ephemeral loopback port (--listen
127.0.0.1:0, the address read from its first line of output), spoken to over sockets. Every
endpoint, the JSON problems of every refusal, the limits (body, line, headers, connections, a slow
client), a client leaving mid-stream, 32 concurrent clients answered as `cotation eval` answers,
a reload with a broken rule set, SIGTERM during a stream, the token and the access log; the
history a claim carries, and the one `--history FILE` keeps across requests, reloads and
restarts. Every wait is bounded (socket timeouts, polls with a deadline).
Usage: serve_test.py COTATION_BINARY SOURCE_DIR
"""
import http.client
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

COTATION = sys.argv[1] if __name__ == "__main__" else os.environ.get("COTATION", "cotation")
SOURCE = pathlib.Path(sys.argv[2] if __name__ == "__main__" else ".")
RULES = SOURCE / "rules"
TIMEOUT = 20  # seconds, for any one wait


def generate_claims(count, seed=7):
    out = subprocess.run([sys.executable, str(SOURCE / "tools" / "generate_claims.py"), str(count), "--seed",
                          str(seed)], capture_output=True, check=True, text=True)
    return out.stdout.splitlines()


def eval_lines(lines, *options, rules=RULES):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as file:
        file.write("".join(line + "\n" for line in lines))
        file.flush()
        done = subprocess.run([COTATION, "eval", "--rules", str(rules), *options, file.name], capture_output=True,
                              check=False, timeout=120)
    return done.stdout.decode("utf-8")


class Server:
    """The program serving `rules`, stopped (SIGTERM, then killed if it hangs) on exit."""

    def __init__(self, *options, rules=RULES):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([COTATION, "serve", "--rules", str(rules), "--listen", "127.0.0.1:0",
                                         *options], stdout=subprocess.PIPE, stderr=self.log)
        first = self.process.stdout.readline().decode().strip()
        if not first.startswith("http://127.0.0.1:"):
            self.stop()
            raise AssertionError(f"no address on the first line: {first!r}")
        self.port = int(first.rsplit(":", 1)[1])

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)

    def request(self, method, path, body=None, headers=None):
        connection = self.connection()
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("the server did not stop on SIGTERM")
        finally:
            self.process.stdout.close()

    def log_lines(self):
        self.log.seek(0)
        return [json.loads(line) for line in self.log.read().decode("utf-8").splitlines() if line.startswith("{")]

    def __enter__(self):
        return self

    def __exit__(self, *failure):
        self.stop()
        self.log.close()


def trickle(client, data):
    """Sends `data` a byte every 0.2 s until the server's answer is whole (a body of its
    Content-Length, or the last chunk) or the connection ends; the answer and the seconds taken."""
    started, answer = time.monotonic(), b""
    client.settimeout(0.2)
    pending = list(data)
    while not answer_is_whole(answer) and time.monotonic() < started + TIMEOUT:
        if pending:
            try:
                client.sendall(bytes([pending.pop(0)]))
            except OSError:
                pending = []  # the server closed its side: read what it wrote
        try:
            chunk = client.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        answer += chunk
    return answer, time.monotonic() - started


def answer_is_whole(answer):
    head, separator, body = answer.partition(b"\r\n\r\n")
    if not separator:
        return False
    for header in head.split(b"\r\n")[1:]:
        name, _, value = header.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return body.endswith(b"0\r\n\r\n")


def decode_chunked(body):
    """The payload of a chunked body (a whole one, or up to where it was cut)."""
    out = b""
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out += body[:size]
        body = body[size + 2:]
    return out


class ChunkedReader:
    """A chunked response read off a socket as it comes: its status line, then line after line."""

    def __init__(self, client):
        self.client, self.buffer, self.payload = client, b"", b""
        head = self.until(b"\r\n\r\n")
        self.status_line = head.split(b"\r\n", 1)[0]

    def until(self, marker):
        while marker not in self.buffer:
            data = self.client.recv(65536)
            if not data:
                raise AssertionError(f"the connection ended before {marker!r}")
            self.buffer += data
        before, _, self.buffer = self.buffer.partition(marker)
        return before

    def chunk(self):
        size = int(self.until(b"\r\n"), 16)
        while len(self.buffer) < size + 2:
            self.buffer += self.client.recv(65536)
        data, self.buffer = self.buffer[:size], self.buffer[size + 2:]
        return data

    def line(self):
        while b"\n" not in self.payload:
            self.payload += self.chunk()
        line, _, self.payload = self.payload.partition(b"\n")
        return line + b"\n"

    def rest(self):
        while data := self.chunk():
            self.payload += data
        rest, self.payload = self.payload, b""
        return rest


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.claims = (SOURCE / "examples" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
        cls.server = Server("--max-body-bytes", str(4 << 20))

    @classmethod
    def tearDownClass(cls):
        status = cls.server.stop()
        cls.server.log.close()
        if status != 0:
            raise AssertionError(f"the server ended with status {status}")

    def assert_problem(self, response, data, status):
        self.assertEqual(response.status, status, data)
        self.assertEqual(response.getheader("Content-Type"), "application/problem+json")
        problem = json.loads(data)
        self.assertEqual(problem["status"], status)
        self.assertTrue(problem["type"].startswith("https://"))
        self.assertTrue(problem["title"])
        self.assertIn("detail", problem)
        return problem

    def test_health(self):
        response, data = self.server.request("GET", "/healthz")
        self.assertEqual(response.status, 200)
        self.assertEqual(json.loads(data)["status"], "ok")

    def test_one_claim_is_decided_as_eval_decides_it(self):
        expected = eval_lines(self.claims[:1]).rstrip("\n")
        response, data = self.server.request("POST", "/v1/decisions", self.claims[0],
                                             {"Content-Type": "application/json"})
        self.assertEqual(response.status, 200)
        self.assertEqual(data.decode("utf-8"), expected)
        explained = eval_lines(self.claims[:1], "--explain").rstrip("\n")
        _, data = self.server.request("POST", "/v1/decisions?explain=1", self.claims[0])
        self.assertEqual(data.decode("utf-8"), explained)

    def test_json_lines_are_decided_as_eval_decides_them(self):
        lines = generate_claims(3000)
        response, data = self.server.request("POST", "/v1/decisions", "\n".join(lines) + "\n",
                                             {"Content-Type": "application/x-ndjson"})
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Transfer-Encoding"), "chunked")
        self.assertEqual(data.decode("utf-8"), eval_lines(lines))

    def test_json_lines_are_answered_while_the_body_arrives(self):
        # One line sent, its record read, then the next: the body is decided as it comes.
        lines = self.claims[:3]
        expected = eval_lines(lines).splitlines(keepends=True)
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=TIMEOUT) as client:
            client.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n")
            reader = ChunkedReader(client)
            self.assertTrue(reader.status_line.startswith(b"HTTP/1.1 200"), reader.status_line)
            # eval decides each line in sequence after the earlier ones: so does the stream.
            for line, record in zip(lines, expected):
                data = (line + "\n").encode()
                client.sendall(b"%x\r\n%s\r\n" % (len(data), data))
                self.assertEqual(reader.line(), record.encode())
            client.sendall(b"0\r\n\r\n")
            self.assertEqual(reader.rest(), b"")

    def test_a_stream_ends_with_a_problem_at_a_limit(self):
        lines = generate_claims(8000, seed=5)
        body = "".join(line + "\n" for line in lines).encode()  # 3 MB
        with Server("--max-body-bytes", "65536") as server:
            # Sent chunked (no Content-Length), all of it before the answer is read: the limit is
            # counted as the body arrives. The lines wholly within its first 65,536 bytes are
            # decided, as eval decides them, then a problem; the rest of the body is read and
            # dropped (closed on bytes unread, the connection would be reset, answer and all).
            within, used = [], 0
            for line in lines:
                used += len(line.encode()) + 1
                if used > 65536:
                    break
                within.append(line)
            response, data = server.request("POST", "/v1/decisions", iter([body[i:i + 8192] for i in
                                                                           range(0, len(body), 8192)]),
                                            {"Content-Type": "application/x-ndjson"})
            self.assertEqual(response.status, 200)
            records = data.decode().splitlines(keepends=True)
            self.assertEqual("".join(records[:-1]), eval_lines(within))
            problem = json.loads(records[-1])
            self.assertEqual((problem["status"], problem["type"].rsplit("/", 1)[1]), (413, "body-too-large"))
            self.assertIn("65536", problem["detail"])
            # Declared by its Content-Length: refused before any record.
            self.assert_problem(*server.request("POST", "/v1/decisions", body, {"Content-Type": "application/x-ndjson"}),
                                413)
        # A line over 1 MiB: the records before it, then the problem naming it.
        long_line = '{"id":"' + "x" * (1 << 20) + '"}'
        response, data = self.server.request("POST", "/v1/decisions", "\n".join([self.claims[0], long_line, self.claims[1]]),
                                             {"Content-Type": "application/x-ndjson"})
        self.assertEqual(response.status, 200)
        records = data.decode().splitlines(keepends=True)
        self.assertEqual(records[0], eval_lines(self.claims[:1]))
        problem = json.loads(records[1])
        self.assertEqual((len(records), problem["status"], problem["type"].rsplit("/", 1)[1]), (2, 413, "line-too-long"))
        self.assertTrue(problem["detail"].startswith("ligne 2 "), problem["detail"])
        # With `?lang=en`, the problem that cuts the stream is in English, as its decisions are.
        response, data = self.server.request("POST", "/v1/decisions?lang=en",
                                             "\n".join([self.claims[0], long_line, self.claims[1]]),
                                             {"Content-Type": "application/x-ndjson"})
        records = data.decode().splitlines(keepends=True)
        self.assertEqual(records[0], eval_lines(self.claims[:1], "--lang", "en"))
        problem = json.loads(records[1])
        self.assertEqual((len(records), problem["status"]), (2, 413))
        self.assertEqual(problem["detail"], "line 2: over 1048576 bytes")
        self.assertEqual(problem["title"], "JSON line too long")

    def test_rule_set(self):
        response, data = self.server.request("GET", "/v1/rule-set")
        self.assertEqual(response.status, 200)
        rule_set = json.loads(data)
        decided = json.loads(eval_lines(self.claims[:1]))
        self.assertEqual(rule_set["hash"], decided["rule_set"])
        self.assertEqual(rule_set["reading"], "consolidated")
        self.assertTrue(rule_set["sources"])
        self.assertTrue(rule_set["last_reload"]["ok"])

    def test_tariffs(self):
        response, data = self.server.request("GET", "/v1/tariffs?date=2024-02-22&region=metropole")
        self.assertEqual(response.status, 200)
        expected = subprocess.run([COTATION, "table", "--rules", str(RULES), "--date", "2024-02-22", "--format",
                                   "json"], capture_output=True, check=False).stdout
        self.assertEqual(json.loads(data), json.loads(expected))
        self.assert_problem(*self.server.request("GET", "/v1/tariffs?date=2024-02-30"), 400)
        self.assert_problem(*self.server.request("GET", "/v1/tariffs"), 400)
        self.assert_problem(*self.server.request("GET", "/v1/tariffs?date=2024-02-22&region=mars"), 400)
        # The overseas table: `drom`, and `outre-mer` read as `drom`.
        overseas = subprocess.run([COTATION, "table", "--rules", str(RULES), "--date", "2024-02-22", "--region", "drom",
                                   "--format", "json"], capture_output=True, check=False).stdout
        for region in ("drom", "outre-mer"):
            response, data = self.server.request("GET", f"/v1/tariffs?date=2024-02-22&region={region}")
            self.assertEqual(response.status, 200)
            self.assertEqual(json.loads(data), json.loads(overseas))
            self.assertEqual(json.loads(data)["region"], "drom")

    def test_metrics(self):
        self.server.request("POST", "/v1/decisions", self.claims[0])
        response, data = self.server.request("GET", "/metrics")
        self.assertEqual(response.status, 200)
        text = data.decode("utf-8")
        self.assertRegex(text, r'cotation_requests_total\{code="200"\} [1-9]')
        self.assertRegex(text, r'cotation_decisions_total\{decision="accepted"\} [1-9]')
        self.assertIn('cotation_request_duration_seconds_bucket{le="+Inf"}', text)
        self.assertRegex(text, r'cotation_rule_set_info\{hash="[^"]+"\} 1')

    def test_page(self):
        response, data = self.server.request("GET", "/")
        self.assertEqual(response.status, 200)
        self.assertTrue(response.getheader("Content-Type").startswith("text/html"))
        self.assertEqual(data, (SOURCE / "src" / "serve" / "page" / "index.html").read_bytes())
        self.assertEqual(self.server.request("GET", "/index.html")[1], data)
        self.assert_problem(*self.server.request("GET", "/indexxhtml"), 404)  # a route is not a pattern

    def test_refusals_are_json_problems(self):
        self.assert_problem(*self.server.request("POST", "/v1/decisions", "{not json"), 400)
        self.assert_problem(*self.server.request("GET", "/nowhere"), 404)
        big = "x" * (5 << 20)
        self.assert_problem(*self.server.request("POST", "/v1/decisions", big), 413)
        headers = {"Content-Type": "application/x-ndjson"}
        self.assert_problem(*self.server.request("POST", "/v1/decisions", big, headers), 413)  # by its length
        # Sent chunked, counted as it comes: 413 once past the limit, the rest read and dropped.
        pieces = [big[i:i + 65536].encode() for i in range(0, len(big), 65536)]
        self.assert_problem(*self.server.request("POST", "/v1/decisions", iter(pieces)), 413)
        headers = {f"X-Header-{i}": "1" for i in range(150)}
        self.assert_problem(*self.server.request("GET", "/healthz", headers=headers), 431)

    def test_slow_client_is_cut_off(self):
        with Server("--request-timeout", "1") as server:
            with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as client:
                client.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{")
                started = time.monotonic()
                answer = b""
                while data := client.recv(4096):
                    answer += data  # the answer, then the end of the connection
                self.assertLess(time.monotonic() - started, 10)
                self.assertTrue(answer.startswith(b"HTTP/1.1 408"), answer)
            self.assertEqual(server.request("GET", "/healthz")[0].status, 200)

    def test_a_body_trickled_in_gets_408_within_the_timeout(self):
        # A byte every 0.2 s never lets a read wait long: the whole request is bounded (2 s).
        claim = self.claims[0].encode()
        with Server("--request-timeout", "2") as server:
            with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as client:
                client.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n" % len(claim))
                answer, elapsed = trickle(client, claim)
            self.assertTrue(answer.startswith(b"HTTP/1.1 408"), answer)
            self.assertGreater(elapsed, 1.9)
            self.assertLess(elapsed, 3)
            self.assertEqual(json.loads(answer.split(b"\r\n\r\n", 1)[1])["type"].rsplit("/", 1)[1], "request-timeout")
            # JSON Lines: the first line's record, then the problem as the last record.
            with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as client:
                first = self.claims[1].encode() + b"\n"
                client.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\n"
                               b"Content-Length: %d\r\n\r\n%s" % (len(first) + len(claim), first))
                answer, elapsed = trickle(client, claim)
            self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer)
            self.assertLess(elapsed, 3)
            records = decode_chunked(answer.split(b"\r\n\r\n", 1)[1]).decode().splitlines(keepends=True)
            self.assertEqual(records[0], eval_lines(self.claims[1:2]))
            self.assertEqual(json.loads(records[1])["status"], 408)
            self.assertEqual(len(records), 2)

    def test_client_leaving_mid_stream(self):
        body = ("\n".join(generate_claims(8000)) + "\n").encode()  # 3 MB, under the 4 MiB limit
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=TIMEOUT) as client:
            client.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\n"
                           b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            self.assertTrue(client.recv(1024).startswith(b"HTTP/1.1 200"))
        self.assertEqual(self.server.request("GET", "/healthz")[0].status, 200)

    def test_32_concurrent_clients_answered_as_eval(self):
        # One claim per patient: a claim's decision then depends on nothing but itself.
        lines, patients = [], set()
        for line in generate_claims(2000, seed=11):
            try:
                patient = json.loads(line)["patient"]["id"]
            except (ValueError, KeyError, TypeError):
                continue
            if patient not in patients:
                patients.add(patient)
                lines.append(line)
        lines = lines[:320]
        expected = eval_lines(lines).splitlines()
        answers = [None] * len(lines)

        def client(first):
            connection = self.server.connection()  # keep-alive: 10 requests on one connection
            for i in range(first, len(lines), 32):
                connection.request("POST", "/v1/decisions", lines[i])
                answers[i] = connection.getresponse().read().decode("utf-8")
            connection.close()

        threads = [threading.Thread(target=client, args=(first,)) for first in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
        self.assertEqual(answers, expected)

    def test_access_log_has_no_claim_content(self):
        self.server.request("POST", "/v1/decisions", self.claims[0])
        logged = [line for line in self.server.log_lines() if line.get("path") == "/v1/decisions"]
        self.assertTrue(logged)
        for line in logged:
            self.assertEqual(set(line), {"time", "method", "path", "status", "bytes", "duration_ms"})
        self.server.log.seek(0)
        self.assertNotIn(json.loads(self.claims[0])["patient"]["id"].encode(), self.server.log.read())


class LifecycleTest(unittest.TestCase):
    def test_reload_with_a_broken_rule_set_keeps_the_old_one(self):
        claim = (SOURCE / "examples" / "claims.jsonl").read_text(encoding="utf-8").splitlines()[0]
        with tempfile.TemporaryDirectory() as directory:
            rules = pathlib.Path(directory) / "rules"
            shutil.copytree(RULES, rules)
            with Server(rules=rules) as server:
                before = json.loads(server.request("GET", "/v1/rule-set")[1])
                broken = rules / "lettres-cles.cot"
                broken.write_text(broken.read_text(encoding="utf-8") + "\nceci n'est pas une règle\n", encoding="utf-8")
                server.process.send_signal(signal.SIGHUP)
                rule_set = self.poll(server, lambda r: not r["last_reload"]["ok"])
                self.assertEqual(rule_set["hash"], before["hash"])
                self.assertIn("lettres-cles.cot", rule_set["last_reload"]["errors"])
                response, data = server.request("POST", "/v1/decisions", claim)
                self.assertEqual(json.loads(data)["rule_set"], before["hash"])
                # Mended with a comment more: a new hash, served.
                broken.write_text(broken.read_text(encoding="utf-8").replace("ceci n'est pas une règle", "# réparé"),
                                  encoding="utf-8")
                server.process.send_signal(signal.SIGHUP)
                rule_set = self.poll(server, lambda r: r["last_reload"]["ok"])
                self.assertNotEqual(rule_set["hash"], before["hash"])

    def poll(self, server, condition):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            rule_set = json.loads(server.request("GET", "/v1/rule-set")[1])
            if condition(rule_set):
                return rule_set
            time.sleep(0.1)
        self.fail("the reload was not reported")

    def test_sigterm_during_a_stream_finishes_it(self):
        lines = generate_claims(60000, seed=3)
        body = ("\n".join(lines) + "\n").encode()
        with Server("--jobs", "1") as server:
            connection = server.connection()
            connection.request("POST", "/v1/decisions", body, {"Content-Type": "application/x-ndjson"})
            response = connection.getresponse()
            first = response.readline()
            server.process.send_signal(signal.SIGTERM)
            rest = response.read()
            records = (first + rest).decode("utf-8").splitlines()
            self.assertEqual(len(records), len(lines))
            self.assertEqual(server.process.wait(timeout=TIMEOUT), 0)

    def test_token(self):
        with tempfile.NamedTemporaryFile("w", suffix=".token") as token:
            token.write("s3cret-token\n")
            token.flush()
            with Server("--token-file", token.name) as server:
                response, data = server.request("GET", "/v1/rule-set")
                self.assertEqual(response.status, 401)
                self.assertEqual(json.loads(data)["status"], 401)
                wrong = server.request("GET", "/v1/rule-set", headers={"Authorization": "Bearer s3cret-tokem"})
                self.assertEqual(wrong[0].status, 401)
                right = server.request("GET", "/v1/rule-set", headers={"Authorization": "Bearer s3cret-token"})
                self.assertEqual(right[0].status, 200)
        refused = subprocess.run([COTATION, "serve", "--rules", str(RULES), "--listen", "0.0.0.0:0"],
                                 capture_output=True, text=True, timeout=TIMEOUT, check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("--token-file", refused.stderr)

    def test_connections_over_the_limit_get_429(self):
        with Server("--max-connections", "2") as server:
            held = [server.connection() for _ in range(2)]
            for connection in held:
                connection.request("GET", "/healthz")
                self.assertEqual(connection.getresponse().read() != b"", True)
            response, data = server.request("GET", "/healthz")
            problem = json.loads(data)
            self.assertEqual((response.status, problem["status"]), (429, 429))
            self.assertEqual(response.getheader("Retry-After"), "1")
            for connection in held:
                connection.close()


def rqd(claim_id, date):
    """An RQD claim of patient p1 (tests/evaluate/rules' rqd_deux_par_an: at most 2 a year)."""
    return json.dumps({"id": claim_id, "date": date, "region": "metropole", "place": "cabinet",
                       "patient": {"id": "p1", "age": 45}, "lines": [{"code": "RQD"}],
                       "series": {"session_number": 1, "sessions_12_months_before": 0, "prior_approval": False}})


class HistoryTest(unittest.TestCase):
    """The history contract (docs/serve.md, "History"): as `cotation eval` and `eval --history`."""

    rules = SOURCE / "tests" / "evaluate" / "rules"

    def decide(self, server, body, json_lines=False):
        headers = {"Content-Type": "application/x-ndjson"} if json_lines else {}
        response, data = server.request("POST", "/v1/decisions", body=body.encode(), headers=headers)
        self.assertEqual(response.status, 200, data)
        return [json.loads(line)["decision"] for line in data.decode().splitlines()]

    def test_a_claim_carrying_its_history_is_decided_on_it(self):
        carried = (SOURCE / "tests" / "cli" / "history" / "carried.jsonl").read_text(encoding="utf-8").splitlines()
        with Server(rules=self.rules) as server:
            # r3 carries the first two RQD of 2025: the third is refused, as eval refuses it; r4
            # carries one of 2024 and one refused: accepted.
            self.assertIn('"id":"r3","decision":"refused"', eval_lines(carried[:1], rules=self.rules))
            self.assertEqual(self.decide(server, carried[0]), ["refused"])
            self.assertEqual(self.decide(server, carried[1]), ["accepted"])
            self.assertEqual(self.decide(server, "\n".join(carried[:2]) + "\n", json_lines=True),
                             ["refused", "accepted"])

    def test_third_rqd_of_a_year_refused_across_requests_reloads_and_restarts(self):
        with tempfile.TemporaryDirectory() as directory:
            store = os.path.join(directory, "history.sqlite")
            with Server("--history", store, rules=self.rules) as server:
                # Two requests: a JSON Lines batch, then one claim; each RQD of 2025 is 10 €, 2 a year.
                self.assertEqual(self.decide(server, rqd("r1", "2025-02-01") + "\n", json_lines=True), ["accepted"])
                self.assertEqual(self.decide(server, rqd("r2", "2025-05-01")), ["accepted"])
                self.assertEqual(self.decide(server, rqd("r3", "2025-09-01")), ["refused"])
                server.process.send_signal(signal.SIGHUP)
                deadline = time.monotonic() + TIMEOUT
                while not any(line.get("event") == "reload" for line in server.log_lines()):
                    self.assertLess(time.monotonic(), deadline, "no reload logged")
                    time.sleep(0.05)
                # The reloaded rule set reads the store again: r1 and r2 still count.
                self.assertEqual(self.decide(server, rqd("r4", "2025-10-01") + "\n", json_lines=True), ["refused"])
            with Server("--history", store, rules=self.rules) as server:
                self.assertEqual(self.decide(server, rqd("r5", "2025-11-01")), ["refused"])
                self.assertEqual(self.decide(server, rqd("r6", "2026-01-05")), ["accepted"])  # a new year
            with Server(rules=self.rules) as server:  # without --history, a request is its only history
                self.assertEqual(self.decide(server, rqd("r7", "2025-12-01")), ["accepted"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
