#!/usr/bin/env python3
"""Notifications reach people: against a running server whose mail goes to a real SMTP server
(aiosmtpd writing a Maildir), a citizen who gave an e-mail address and consented has a dossier
received and taken to its result over the API; the message "Hồ sơ đã có kết quả" must arrive, its
subject and body decoded by Python's e-mail package. A second applicant who gave an address but
did not consent must receive nothing. A citizen who sends feedback online with an e-mail address
receives "… đã có trả lời" once the ward publishes the answer over the API. An official who agreed
to e-mail reminders on their account (the demo's officials did) receives "Nhắc hạn: …" for a task
created already past half of its working time, when the server's reminder job runs (30 seconds
after it starts, then every 5 minutes: the task is created first thing, so the first run sees it).

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


def days_ago(n):
    return time.strftime("%Y-%m-%d", time.localtime(time.time() - n * 86400))


def task_past_half():
    """A task led by a demo official who consented to e-mail reminders, started four weeks ago and
    due in five days: more than half of its working time is used, so the next reminder run reminds."""
    chair = token("chutich")
    consented = {"Đặng Văn Đức": "tuphap", "Trần Văn Bình": "diachinh", "Lê Thị Thu Trang": "vanhoa"}
    leads = {t["lead"]["name"]: t["lead"]["id"] for t in api("GET", "/api/v1/tasks", chair)}
    name = next((n for n in consented if n in leads), None)
    if name is None:
        sys.exit(f"FAIL: no demo task led by a consenting official to take the lead's id from: {sorted(leads)}")
    t = api("POST", "/api/v1/tasks", chair, {
        "title": "Kiểm tra nhắc hạn qua thư điện tử", "product": "Báo cáo kiểm tra", "sourceKind": "direction",
        "sourceRef": "Kiểm tra thông báo", "leadID": leads[name], "start": days_ago(28),
        "deadlineDate": days_ago(-5)})
    return t, f"{consented[name]}@phuongso.example"


def wait_for(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = [m for m in messages() if predicate(m)]
        if found:
            return found
        time.sleep(0.5)
    return []


def publish_feedback():
    """A suggestion sent online with an e-mail address, routed, answered, approved and published."""
    sent = api("POST", "/api/v1/public/feedback", body={
        "unitCode": "000.00.31.H42", "kind": "suggestion", "title": "Đề nghị lắp đèn đường ở tổ dân phố 5",
        "text": "Đoạn đường từ nhà văn hóa tổ 5 ra chợ không có đèn, buổi tối đi lại nguy hiểm.",
        "name": "Trần Văn Hải", "contact": "hai.tran@example.vn"})
    office, official, chair = token("vanphong"), token("tuphap"), token("chutich")
    item = next(i for i in api("GET", "/api/v1/feedback", office)["items"] if i["code"] == sent["code"])
    path = f"/api/v1/feedback/{item['id']}"
    api("POST", path + "/route", office, {"handler": "tuphap"})
    api("POST", path + "/answer", official, {
        "answer": "Phường đã khảo sát và đưa việc lắp hai cột đèn vào kế hoạch chiếu sáng quý tới."})
    api("POST", path + "/approve", chair, {})
    api("POST", path + "/publish", office, {})
    return sent, item["id"]


task, lead_address = task_past_half()
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

# feedback answered: exactly one message to the address given for the answer
feedback, feedback_id = publish_feedback()
answered = wait_for(lambda x: str(x["To"]) == "hai.tran@example.vn", 30)
if len(answered) != 1:
    problems.append(f"{len(answered)} messages to the feedback's submitter, not one")
else:
    a = answered[0]
    a_subject, a_body = str(a["subject"]), a.get_content()
    if a_subject != f"Phản ánh, kiến nghị {feedback['code']} đã có trả lời":
        problems.append(f"feedback subject {a_subject!r}")
    for words in ["Kính gửi ông/bà Trần Văn Hải", "lắp hai cột đèn",
                  f"/feedback/track?code={feedback['code']}&secret={feedback['secret']}"]:
        if words not in a_body:
            problems.append(f"feedback body lacks {words!r}")
    flog = api("GET", f"/api/v1/feedback/{feedback_id}/notifications", token("vanphong"))
    if not any(n["kind"] == "feedback-answered" and n["status"] == "sent" for n in flog["notifications"]):
        problems.append(f"the feedback's delivery log does not show it sent: {flog}")

# task reminder: the reminder job's first run reaches the consenting lead by e-mail
number = f"Nhiệm vụ số {task['number']} "
reminded = wait_for(lambda x: str(x["subject"]).startswith("Nhắc hạn: " + number), 75)
if not reminded:
    problems.append(f"no reminder of task {task['number']} arrived; subjects: {[str(x['subject']) for x in messages()]}")
else:
    r = reminded[0]
    if str(r["To"]) != lead_address:
        problems.append(f"the reminder went to {r['To']!r}, not {lead_address!r}")
    if f"/tasks/{task['id']}" not in r.get_content():
        problems.append("the reminder does not link the task")

if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print(f"ok: {len(messages())} messages arrived; decoded subjects {subject!r}, {a_subject!r}, "
      f"{str(reminded[0]['subject'])!r}; none for the applicant who did not consent")
