# Sourced by the webhook benchmarks: serve_webhook PORT LOG [COMMAND PREFIX...] starts natsguard serve
# (NATSGUARD names the launcher, bin/natsguard by default) with the test certificate on PORT, its
# output in LOG, sets pid to its PID (bin/natsguard execs java: the JVM), stops it on exit, and
# waits until it is ready. The prefix wraps the launch, e.g. taskset -c 0.
serve_webhook() {
  local port="$1" log="$2" tls=webhook/src/test/resources/tls
  shift 2
  "$@" "${NATSGUARD:-bin/natsguard}" serve --port "$port" --tls-cert "$tls/tls.crt" --tls-key "$tls/tls.key" > "$log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sk "https://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "natsguard serve not ready on port $port within a minute (see $log)" >&2
  return 1
}
