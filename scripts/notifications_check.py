#!/usr/bin/env python3
"""Notifications reach people: against a running server whose mail goes to a real SMTP server
(aiosmtpd writing a Maildir), a citizen who gave an e-mail address and consented has a dossier
received and taken to its result over the API; the message "Hồ sơ đã có kết quả" must arrive, its
subject and body decoded by Python's e-mail package. A second applicant who gave an address but
did not consent must receive nothing.

usage: notifications_check.py BASE_URL MAILDIR
"""
import email
import email.policy
import glob
import json
import os
import sys
import time
import urllib.error
import urllib.request

base, maildir = sys.argv[1], sys.argv[2]
PASSWORD = "Demo@2026"
PROCEDURE = "1.001193"  # đăng ký khai sinh: no fee, in the demo ward's catalogue


def api(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def token(user):
    return api("POST", "/api/v1/auth/token", body={"username": user, "password": PASSWORD})["token"]


def receive(name, id_number, address, consent):
    applicant = {"name": name, "idNumber": id_number, "email": address}
    if consent:
        applicant["notifyBy"] = "email"
    components = [c["name"] for c in api("GET", f"/api/v1/procedures/{PROCEDURE}")["procedure"]["components"]]
    return api("POST", "/api/v1/dossiers", token("motcua"), {
        "procedureCode": PROCEDURE, "applicant": applicant, "submitted": components, "decision": "receive"})


def drive_to_result(dossier_id):
    """Each demo official in turn takes and finishes the step that is theirs, until the result."""
    tokens = {u: token(u) for u in ["tuphap", "chutich", "motcua", "vanphong", "diachinh", "vanhoa"]}
    for _ in range(20):
        progressed = False
        for user, t in tokens.items():
            p = api("GET", f"/api/v1/dossiers/{dossier_id}/process", t)
            if p["state"] == "done":
                return
            for action in ["complete", "claim"]:
                if action in p["allowedActions"]:
                    api("POST", f"/api/v1/dossiers/{dossier_id}/actions", t,
                        {"action": action, "revision": p["revision"], "note": "Kiểm tra thông báo"})
                    progressed = True
                    break
        if not progressed:
            sys.exit(f"FAIL: nobody can move dossier {dossier_id} on")
    sys.exit("FAIL: the dossier did not reach its result")


def messages():
    """Each message as the SMTP server stored it (read from the file: re-serialising it would refold
    its headers)."""
    files = sorted(glob.glob(os.path.join(maildir, "new", "*")) + glob.glob(os.path.join(maildir, "cur", "*")))
    return [email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default) for f in files]


consenting = receive("Nguyễn Thị Thu", "042190007777", "thu.nguyen@example.vn", True)
silent = receive("Lê Văn Sơn", "042190008888", "son.le@example.vn", False)
drive_to_result(consenting["id"])
drive_to_result(silent["id"])
code = consenting["code"]
deadline = time.time() + 30
ready = []
while time.time() < deadline:
    ready = [m for m in messages() if "hồ sơ đã có kết quả" in str(m["subject"]).lower()]
    if ready:
        break
    time.sleep(0.5)
if not ready:
    sys.exit(f"FAIL: no 'Hồ sơ đã có kết quả' arrived; subjects: {[str(m['subject']) for m in messages()]}")
m = ready[0]
subject, body = str(m["subject"]), m.get_content()
problems = []
if subject != f"Hồ sơ đã có kết quả: {code}":
    problems.append(f"subject {subject!r}")
if m["To"] != "thu.nguyen@example.vn":
    problems.append(f"To {m['To']!r}")
if m.get_content_charset() != "utf-8":
    problems.append(f"charset {m.get_content_charset()!r}")
for words in ["Kính gửi ông/bà Nguyễn Thị Thu", code, "Bộ phận Một cửa", "/track?code="]:
    if words not in body:
        problems.append(f"body lacks {words!r}")
if not m["Date"] or not m["Message-ID"]:
    problems.append("no Date or Message-ID")
if any("son.le@example.vn" in str(x["To"]) for x in messages()):
    problems.append("a message went to the applicant who did not consent")
log = api("GET", f"/api/v1/dossiers/{consenting['id']}/notifications", token("motcua"))
if not any(n["kind"] == "result-ready" and n["status"] == "sent" for n in log["notifications"]):
    problems.append(f"the delivery log does not show it sent: {log}")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print(f"ok: {len(messages())} messages arrived; decoded subject {subject!r}; none for the applicant who did not consent")
