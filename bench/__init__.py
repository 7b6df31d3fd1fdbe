"""Independent evaluation harness for the ASN-neutrality engine (`make bench`)."""
