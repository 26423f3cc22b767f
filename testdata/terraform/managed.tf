variable "id_token_unit" {
  type        = string
  description = "Unit of id_token_validity, set per environment"
}

# Amazon OpenSearch Service created this client; Terraform adopts it by its
# name prefix. Without a token_validity_units block the provider reads the
# validities in hours (access, ID) and days (refresh): 25 hours is too long.
resource "aws_cognito_managed_user_pool_client" "dashboards" {
  name_prefix            = "AmazonOpenSearchService-logs-"
  user_pool_id           = "eu-west-1_AbCd12345"
  access_token_validity  = 25
  refresh_token_validity = 7
}

# Here the ID token's unit is a variable without a value: 60 is valid only
# in minutes, so the finding is a warning.
resource "aws_cognito_managed_user_pool_client" "search" {
  name_prefix       = "AmazonOpenSearchService-search-"
  user_pool_id      = "eu-west-1_AbCd12345"
  id_token_validity = 60

  token_validity_units {
    id_token = var.id_token_unit
  }
}
