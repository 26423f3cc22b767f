locals {
  name_prefix = "${var.environment}-auth"
  logout_urls = [for u in var.callback_urls : "${trimsuffix(u, "/callback")}/signed-out"]
  api         = "https://api.${var.domain}"
}

resource "aws_cognito_user_pool" "main" {
  name           = local.name_prefix
  user_pool_tier = "ESSENTIALS"

  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
  }

  schema {
    name                     = "tenant_id"
    attribute_data_type      = "String"
    mutable                  = false
    developer_only_attribute = false

    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }
}

resource "aws_cognito_identity_provider" "google" {
  user_pool_id  = aws_cognito_user_pool.main.id
  provider_name = "Google"
  provider_type = "Google"

  provider_details = {
    authorize_scopes = "openid email"
    client_id        = "1234567890-example.apps.googleusercontent.com"
  }

  attribute_mapping = {
    email    = "email"
    username = "sub"
  }
}

resource "aws_cognito_resource_server" "api" {
  identifier   = local.api
  name         = "orders-api"
  user_pool_id = aws_cognito_user_pool.main.id

  scope {
    scope_name        = "orders.read"
    scope_description = "Read orders"
  }

  scope {
    scope_name        = "orders.write"
    scope_description = "Create and change orders"
  }
}

# Every value below is known from the variables' defaults, terraform.tfvars
# and staging.auto.tfvars, and from what the module declares about the pool.
resource "aws_cognito_user_pool_client" "web" {
  name         = "${local.name_prefix}-web"
  user_pool_id = aws_cognito_user_pool.main.id

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "${local.api}/orders.read", "${local.api}/orders.delete"]
  callback_urls                        = var.callback_urls
  logout_urls                          = local.logout_urls
  supported_identity_providers         = ["COGNITO", "Google", "Okta"]

  read_attributes  = ["email", "custom:tenant_id"]
  write_attributes = ["email", "custom:plan"]

  access_token_validity  = var.access_token_hours
  id_token_validity      = 1
  refresh_token_validity = 30

  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}
