#!/usr/bin/env python3
"""Stored files in an S3-compatible object store, against the real `phuongso` binary and a real S3
API server (called by scripts/check, which starts moto's server with signature checking on).

    object_store_check.py BIN WORKDIR PORT S3_ENDPOINT ACCESS_KEY SECRET_KEY

1. A wrong secret key, or a bucket that does not exist: `phuongso serve` refuses to start, with the
   reason in Vietnamese, before it listens.
2. Files of a server that kept them on its disk are moved with `phuongso files copy-to-bucket`;
   the server started on the bucket serves them (a result verifies against its stored file).
3. A new result goes to the bucket only; `phuongso backup` takes the bucket's files, `restore`
   puts them into another, empty bucket, where `files verify` finds every one whole.
4. An object changed in the bucket behind the server's back: the API answers 500 `corrupt_file`,
   never the wrong bytes, and the server's log has an ALERT line.

Prints what it checked; exit status 0 when everything held.
"""
import base64
import os
import subprocess
import sys

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reliability_check as rc  # noqa: E402

RESULT = (b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] "
          b"/Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R>> endobj\n% Ban chung thuc so %d\n%%EOF\n")
FAILED = []


def check(ok, label):
    print(("ok   " if ok else "FAIL ") + label)
    if not ok:
        FAILED.append(label)


def s3_env(endpoint, access, secret, bucket):
    return {"PHUONGSO_S3_ENDPOINT": endpoint, "PHUONGSO_S3_BUCKET": bucket, "PHUONGSO_S3_REGION": "us-east-1",
            "PHUONGSO_S3_ACCESS_KEY": access, "PHUONGSO_S3_SECRET_KEY": secret}


def issue_result(port, number):
    """A counter intake, then a signed result on it; the result's code."""
    clerk = rc.login(port, "motcua")
    status, d = rc.request(port, "POST", "/api/v1/dossiers", dict(rc.intake_body(port), applicant={
        "name": f"Lê Thị Kho {number}", "idNumber": f"04219600{number:04d}", "address": "Phường Thành Sen",
        "phone": "0912345678"}), clerk)
    assert status == 201, (status, d)
    official = rc.login(port, "tuphap")
    pdf = RESULT.replace(b"%d", str(number).encode())
    status, v = rc.request(port, "POST", f"/api/v1/dossiers/{d['id']}/results", {
        "title": "Bản chứng thực", "filename": "ket-qua.pdf", "contentBase64": base64.b64encode(pdf).decode()},
        official)
    assert status == 201, (status, v)
    return v["code"], v["sha256"], pdf


def run(bin_path, args, env, cwd):
    return subprocess.run([bin_path] + args, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def main(bin_path, work, port, endpoint, access, secret):
    os.makedirs(work, exist_ok=True)
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=access,
                      aws_secret_access_key=secret)
    for b in ("kho-chinh", "kho-khoi-phuc"):
        s3.create_bucket(Bucket=b)
    data = os.path.join(work, "ward")
    os.makedirs(data, exist_ok=True)
    base = dict(os.environ, PHUONGSO_BCRYPT_COST="4", PHUONGSO_DATA_DIR=data, LANG="vi_VN.UTF-8",
                PHUONGSO_DATABASE_URL=f"sqlite://{data}/phuongso.sqlite")
    on_bucket = dict(base, **s3_env(endpoint, access, secret, "kho-chinh"))

    # 1. refused at start
    wrong = run(bin_path, ["serve", "--port", str(port)], dict(on_bucket, PHUONGSO_S3_SECRET_KEY="sai-khoa"), data)
    check(wrong.returncode != 0 and "từ chối khóa truy cập" in wrong.stderr,
          f"a wrong secret key: the server refuses to start ({wrong.stderr.strip()[:160]})")
    missing = run(bin_path, ["serve", "--port", str(port)], dict(on_bucket, PHUONGSO_S3_BUCKET="khong-co-kho"), data)
    check(missing.returncode != 0 and "Không có bucket khong-co-kho" in missing.stderr,
          f"a bucket that does not exist: the server refuses to start ({missing.stderr.strip()[:160]})")

    # 2. a ward that kept files on disk moves them to the bucket
    server = rc.Server(bin_path, data, port, base)
    try:
        server.start(demo=True)
        old_code, old_sha, _ = issue_result(port, 1)
    finally:
        server.stop()
    on_disk = os.path.join(data, "files", old_sha[:2], old_sha)
    check(os.path.exists(on_disk), "without a bucket the result is kept in the data directory")
    moved = run(bin_path, ["files", "copy-to-bucket"], on_bucket, data)
    check(moved.returncode == 0 and "1 files copied" in moved.stdout, f"files copy-to-bucket: {moved.stdout.strip()}")
    again = run(bin_path, ["files", "copy-to-bucket"], on_bucket, data)
    check(again.returncode == 0 and "0 files copied, 1 already" in again.stdout,
          f"copying again changes nothing: {again.stdout.strip()}")
    os.rename(os.path.join(data, "files"), os.path.join(data, "files-moved"))

    # 3. served from the bucket; a new file goes there only; backup and restore with the bucket
    server = rc.Server(bin_path, data, port, on_bucket)
    try:
        server.start(demo=False)
        status, v = rc.request(port, "GET", f"/api/v1/results/{old_code}")
        check(status == 200 and v.get("status") == "valid",
              "the moved result verifies against its file read from the bucket")
        new_code, new_sha, new_pdf = issue_result(port, 2)
        obj = s3.get_object(Bucket="kho-chinh", Key=f"files/{new_sha[:2]}/{new_sha}")["Body"].read()
        check(obj == new_pdf, "a new result is stored in the bucket under its hash")
        check(not os.path.exists(os.path.join(data, "files")), "and nothing is written to the data directory")
        backup = os.path.join(work, "backup.tar.gz")
        b = run(bin_path, ["backup", "--to", backup], on_bucket, data)
        check(b.returncode == 0 and "(2 stored files)" in b.stdout, f"backup takes the bucket's files: {b.stdout.strip()}")

        # 4. an object changed behind the server's back
        s3.put_object(Bucket="kho-chinh", Key=f"files/{new_sha[:2]}/{new_sha}", Body=new_pdf.replace(b"Ban", b"Bam"))
        status, v = rc.request(port, "GET", f"/api/v1/results/{new_code}")
        check(status == 500 and isinstance(v, dict) and v.get("error", {}).get("code") == "corrupt_file",
              f"a damaged object: 500 corrupt_file, never the wrong bytes ({status})")
    finally:
        server.stop()
    with open(os.path.join(data, "server.log"), encoding="utf-8", errors="replace") as log:
        check("ALERT stored file does not match its checksum" in log.read(), "and an ALERT line in the server's log")
    verify = run(bin_path, ["files", "verify"], on_bucket, data)
    check(verify.returncode == 1 and f"damaged: files/{new_sha[:2]}/{new_sha}" in verify.stdout,
          f"files verify names the damaged object: {verify.stdout.strip()}")

    restored = os.path.join(work, "restored")
    os.makedirs(restored, exist_ok=True)
    to_new = dict(base, PHUONGSO_DATA_DIR=restored, PHUONGSO_DATABASE_URL=f"sqlite://{restored}/phuongso.sqlite",
                  **s3_env(endpoint, access, secret, "kho-khoi-phuc"))
    r = run(bin_path, ["restore", "--from", backup], to_new, restored)
    check(r.returncode == 0 and "(2 stored files)" in r.stdout, f"restore into an empty bucket: {r.stdout.strip()}")
    v2 = run(bin_path, ["files", "verify"], to_new, restored)
    check(v2.returncode == 0 and "2 stored files" in v2.stdout and "0 damaged" in v2.stdout,
          f"the restored bucket is whole: {v2.stdout.strip()}")
    r2 = run(bin_path, ["restore", "--from", backup], dict(to_new, PHUONGSO_DATA_DIR=restored + "2",
             PHUONGSO_DATABASE_URL=f"sqlite://{restored}2/phuongso.sqlite"), work)
    check(r2.returncode != 0 and "already holds stored files" in r2.stderr,
          "a restore into a bucket that holds files is refused")
    print(f"object store: {len(FAILED)} failed")
    return 0 if not FAILED else 1


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:7]))
