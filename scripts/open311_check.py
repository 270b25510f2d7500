#!/usr/bin/env python3
"""Open311 GeoReport v2 as existing apps use it, against a running demo server: the administrator
issues a key over the JSON API; a request is created with plain HTTP (form-encoded, as the
specification sends it) in JSON and in XML; the `georeport` client library from PyPI lists the
services, reads a service definition, lists requests with filters and reads the created request,
in both its output formats; tokens resolve; refusals come in the specification's error format
(no key, a revoked key, an unknown service, a bad contact) and store nothing.

usage: open311_check.py BASE_URL
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

from georeport import GeoReport

base = sys.argv[1]
ROOT = base + "/open311/v2"
WARD = "000.00.31.H42"
failures = 0


def check(ok, what, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f" — {detail}"))
    if not ok:
        failures += 1
    return ok


def api(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def post(fmt, fields):
    """POSTs a form to requests.{fmt}; answers (status, body text)."""
    req = urllib.request.Request(
        f"{ROOT}/requests.{fmt}", data=urllib.parse.urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST")
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def get(path):
    try:
        with urllib.request.urlopen(ROOT + path) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode()


admin = api("POST", "/api/v1/auth/token", body={"username": "admin", "password": "Demo@2026"})["token"]
issued = api("POST", "/api/v1/open311/keys", admin, {"name": "Ứng dụng phản ánh hiện trường (kiểm thử)"})
key = issued["key"]
check(key.startswith("o311_") and issued["keyPrefix"] == key[:10], "the administrator issues a key over the API")

complaint = {
    "api_key": key, "jurisdiction_id": WARD, "service_code": "official",
    "description": "Cán bộ tiếp nhận hẹn tôi ba lần mà chưa nhận hồ sơ đăng ký khai sinh.",
    "first_name": "Lan", "last_name": "Nguyễn Thị", "email": "lan.nguyen@example.vn",
    "attribute[title]": "Chậm tiếp nhận hồ sơ khai sinh",
}
status, body = post("json", complaint)
created = json.loads(body)[0] if status == 200 else {}
rid, token = created.get("service_request_id", ""), created.get("token", "")
check(status == 200 and rid.startswith("PA-") and token, "a request created with plain HTTP (JSON answer)", body[:300])
road = {
    "api_key": key, "jurisdiction_id": WARD, "service_code": "neighbourhood",
    "description": "Đèn chiếu sáng ngõ 12 bị hỏng hai tuần nay.", "lat": "21.0285", "long": "105.8542",
    "phone": "0912345678",
}
status, xml_body = post("xml", road)
check(status == 200 and "<service_requests><request><service_request_id>PA-" in xml_body,
      "a second request answered in XML", xml_body[:300])

for fmt in ("json", "xml"):
    client = GeoReport(ROOT, jurisdiction=WARD, output_format=fmt)
    services = client.get_service_list()
    codes = [s["service_code"] for s in services]
    check(codes == ["procedure", "official", "suggestion", "neighbourhood"], f"georeport ({fmt}) lists the services", codes)
    names = {s["service_code"]: s["service_name"] for s in services}
    check(names.get("official") == "Về thái độ, hành vi của cán bộ", f"georeport ({fmt}) reads Vietnamese names", names)
    definition = client.get_service_definition("official")
    attrs = definition["attributes"]
    if fmt == "xml":
        attrs = attrs["attribute"]
    check([a["code"] for a in attrs] == ["title", "dossier_code"], f"georeport ({fmt}) reads the service definition", attrs)
    one = client.get_service_request(rid)
    check(one["service_request_id"] == rid and one["status"] == "open" and one["service_code"] == "official",
          f"georeport ({fmt}) reads the request created over Open311", one)
    check("lan.nguyen" not in json.dumps(one, ensure_ascii=False) and "Nguyễn Thị" not in json.dumps(one, ensure_ascii=False),
          f"georeport ({fmt}): no name or contact in the request", one)
    listed = client.get_service_requests(service_code="official", status="open")
    if fmt == "xml" and isinstance(listed, dict):
        listed = [listed]
    check(rid in [r["service_request_id"] for r in listed], f"georeport ({fmt}) lists open requests about officials", listed)
    by_id = client.get_service_requests(service_request_id=rid)
    if fmt == "xml" and isinstance(by_id, dict):
        by_id = [by_id]
    check([r["service_request_id"] for r in by_id] == [rid], f"georeport ({fmt}) reads by service_request_id", by_id)

status, ctype, body = get(f"/tokens/{token}.json")
check(status == 200 and json.loads(body) == [{"service_request_id": rid, "token": token}], "tokens/{token} gives the id", body)
status, ctype, body = get("/discovery.xml")
check(status == 200 and ctype.startswith("text/xml") and "<specification>http://wiki.open311.org/GeoReport_v2</specification>" in body,
      "discovery in XML names the specification", body[:300])

before = api("GET", "/api/v1/feedback?unit=" + WARD, api("POST", "/api/v1/auth/token",
             body={"username": "vanphong", "password": "Demo@2026"})["token"])["items"]
no_key = dict(complaint, api_key="")
status, body = post("json", no_key)
check(status == 403 and json.loads(body)[0]["code"] == 403, "no key: 403 in the error format", body)
status, body = post("xml", dict(complaint, service_code="o-ga"))
check(status == 400 and body.startswith('<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code>'),
      "an unknown service: 400 in XML", body)
status, body = post("json", dict(complaint, email="", phone="123"))
check(status == 400 and "điện thoại" in json.loads(body)[0]["description"], "a bad contact: 400 with the reason", body)
api("POST", f"/api/v1/open311/keys/{issued['id']}/revoke", admin, {})
status, body = post("json", complaint)
check(status == 403, "a revoked key: 403", body)
after = api("GET", "/api/v1/feedback?unit=" + WARD, api("POST", "/api/v1/auth/token",
            body={"username": "vanphong", "password": "Demo@2026"})["token"])["items"]
check(len(after) == len(before), "the refused requests stored nothing", f"{len(before)} → {len(after)}")

print(f"open311: {failures} failed")
sys.exit(1 if failures else 0)
