"""moto's server, as `python3 -m moto.server -H HOST -p PORT` runs it, able to answer presigned STS requests.

moto 5 reads the caller's access key and the service only from an Authorization header, so a presigned STS request
(a SigV4 query: X-Amz-Credential and X-Amz-Signature in the URL, as aws-iam-authenticator tokens carry) would reach
S3 as an anonymous caller. For such a request alone, this copies the query's credential scope and session token into
the headers moto reads. moto checks no signature either way.
"""
import argparse
from urllib.parse import parse_qs

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app


def presigned_sts(app):
    def handle(environ, start_response):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        credential = query.get("X-Amz-Credential", [""])[0]
        if credential.endswith("/sts/aws4_request") and "HTTP_AUTHORIZATION" not in environ:
            signed = query.get("X-Amz-SignedHeaders", [""])[0]
            environ["HTTP_AUTHORIZATION"] = f"AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders={signed}, Signature=presigned"
            token = query.get("X-Amz-Security-Token", [None])[0]
            if token:
                environ["HTTP_X_AMZ_SECURITY_TOKEN"] = token
        return app(environ, start_response)
    return handle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    args = parser.parse_args()
    run_simple(args.host, args.port, presigned_sts(DomainDispatcherApplication(create_backend_app)), threaded=True)


if __name__ == "__main__":
    main()
