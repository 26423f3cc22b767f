# cognitolint:ignore sec-* -- internal tool behind the corporate IdP; reviewed by security
resource "aws_cognito_user_pool_client" "internal" {
  name                                 = "internal"
  user_pool_id                         = "us-east-1_AbCd12345"
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code", "implicit"]
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = ["https://internal.example.com/cb"]
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = "us-east-1_AbCd12345"
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code", "implicit"] // cognitolint:ignore sec-implicit-grant -- the legacy SPA until Q3
  allowed_oauth_scopes                 = ["openid"]
  prevent_user_existence_errors        = "ENABLED"
  write_attributes                     = ["email"]
  read_attributes                      = ["email"]
  // cognitolint:ignore redirect-uri-https -- staging behind the VPN
  callback_urls = [
    "https://app.example.com/cb",
    "http://staging.example.com/cb",
  ]
  logout_urls = [
    # cognitolint:ignore redirect-uri-https -- the old logout page
    "http://old.example.com/logout",
  ]
  # cognitolint:ignore sec-token-revocation-disabled -- nothing to revoke here, so this is unused
  enable_token_revocation = true
  # cognitolint:ignore sec-implicit-grant
  explicit_auth_flows = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
  # cognitolint:ignore sec-implicit-grnt -- a typo
}
