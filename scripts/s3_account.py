#!/usr/bin/env python3
"""Makes an account on the S3 API server scripts/check starts (moto's server, with signature
checking on: INITIAL_NO_AUTH_ACTION_COUNT lets the first three unsigned calls through, which are
these) and prints `ACCESS_KEY SECRET_KEY`.

    s3_account.py ENDPOINT [BUCKET...]

The account may do anything in S3, as PhuongSo's account on a province's store would in its own
buckets. Each BUCKET given is created with the new account's signed requests.
"""
import json
import sys

import boto3


def main(endpoint, buckets):
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="setup", aws_secret_access_key="setup")
    iam.create_user(UserName="phuongso")
    key = iam.create_access_key(UserName="phuongso")["AccessKey"]
    iam.put_user_policy(UserName="phuongso", PolicyName="s3", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
    }))
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    for bucket in buckets:
        s3.create_bucket(Bucket=bucket)
    print(key["AccessKeyId"], key["SecretAccessKey"])


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
