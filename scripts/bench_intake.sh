# Sourced by scripts/bench-server and scripts/bench-cluster: a counter intake as the demo clerk.
# intake_setup BASE WORK sets TOKEN (the clerk's), BODY (an intake of the demo ward's first complete
# procedure in force, with every component handed in), CODE and SECRET (of one dossier received
# with it, for the tracking page), and writes WORK/intake.lua, which posts BODY with wrk.
intake_setup() {
    local base=$1 work=$2
    TOKEN=$(curl -sf -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d '{"username":"motcua","password":"Demo@2026"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
    local proc; proc=$(curl -sf "$base/api/v1/procedures?unit=000.00.31.H42" | python3 -c '
import sys, json
print(next(p["code"] for p in json.load(sys.stdin) if p["complete"] and not p["retired"]))')
    BODY=$(curl -sf "$base/api/v1/procedures/$proc?unit=000.00.31.H42" | python3 -c '
import sys, json
d = json.load(sys.stdin)
print(json.dumps({"procedureCode": sys.argv[1], "submitted": [c["name"] for c in d["procedure"]["components"]], "decision": "receive",
                  "applicant": {"name": "Nguyễn Thị Đo Tải", "idNumber": "042190001234", "address": "Phường Thành Sen", "phone": "0912345678"}}))' "$proc")
    local dossier; dossier=$(curl -sf -X POST "$base/api/v1/dossiers" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$BODY")
    CODE=$(python3 -c 'import sys,json; print(json.loads(sys.argv[1])["code"])' "$dossier")
    SECRET=$(python3 -c 'import sys,json; print(json.loads(sys.argv[1])["secret"])' "$dossier")
    cat >"$work/intake.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = [[$BODY]]
LUA
}
