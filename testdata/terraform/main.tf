terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "domain" {
  type = string
}

variable "clients" {
  type = map(object({ callback = string }))
}

locals {
  scopes = ["openid", "email"]
}

resource "aws_cognito_user_pool" "pool" {
  name = "users"
}

# References, and templates of variables without a value, are unknown: the
# default redirect may be the interpolated callback, so nothing fires.
# Functions of known values (concat of a local) are evaluated.
resource "aws_cognito_user_pool_client" "web" {
  count        = var.enabled ? 1 : 0
  name         = "web-${count.index}"
  user_pool_id = aws_cognito_user_pool.pool.id

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = concat(local.scopes, ["profile"])
  callback_urls                        = ["https://${var.domain}/callback", "https://static.example.com/cb"]
  default_redirect_uri                 = "https://other.example.com/cb"
  explicit_auth_flows                  = var.flows
  generate_secret                      = false

  token_validity_units {
    access_token  = "minutes"
    id_token      = var.id_unit
    refresh_token = "days"
  }

  lifecycle {
    ignore_changes        = [callback_urls]
    create_before_destroy = true
  }

  depends_on = [aws_cognito_user_pool.pool]
}

# Literal mistakes: each finding at the value as written.
resource "aws_cognito_user_pool_client" "literal" {
  name                                 = "literal"
  user_pool_id                         = "us-east-1_AbCd12345"
  allowed_oauth_flows_user_pool_client = "true"
  allowed_oauth_flows                  = ["code", "token"]
  allowed_oauth_scopes                 = ["openid"]
  callback_urls = [
    "https://app.example.com/cb",
    "http://app.example.com/cb",
  ]
  default_redirect_uri  = "https://www.example.com/cb"
  access_token_validity = "90000"
  refresh_token_validity = 60 * 24 * 3650
  prevent_user_existence_errors = upper("enabled")
  supported_identity_providers  = [for p in var.idps : p]

  token_validity_units {
    access_token = "minute"
  }
  dynamic "refresh_token_rotation" {
    for_each = var.rotation ? [1] : []
    content {
      feature = "ENABLED"
    }
  }
}

# for_each over a map; a heredoc and a conditional.
resource "aws_cognito_user_pool_client" "per_app" {
  for_each     = var.clients
  name         = each.key
  user_pool_id = aws_cognito_user_pool.pool.id
  callback_urls = [
    each.value.callback,
    var.domain == "" ? "https://fallback.example.com/cb" : "https://${var.domain}/cb",
    <<-EOT
    https://heredoc.example.com/cb
    EOT
  ]
  logout_urls = null
  allowed_oauth_flows = ["client_credentials"]
  allowed_oauth_scopes = ["email"]
}

# A client whose name another service chose.
resource "aws_cognito_managed_user_pool_client" "opensearch" {
  name_prefix  = "AmazonOpenSearchService-example"
  user_pool_id = aws_cognito_user_pool.pool.id
  callback_urls = ["https://search.example.com/_dashboards/app/home"]
}

data "aws_cognito_user_pool_client" "existing" {
  client_id    = "4example5client6id7"
  user_pool_id = "us-east-1_AbCd12345"
}

output "client_id" {
  value = aws_cognito_user_pool_client.literal.id
}
