# Loaded after terraform.tfvars: wins.
access_token_hours = 25
