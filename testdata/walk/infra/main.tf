resource "aws_cognito_user_pool_client" "c" {
  name         = "c"
  user_pool_id = "us-east-1_AbCd12345"
  callback_urls = ["http://app.example.com/cb"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows = ["code"]
  allowed_oauth_scopes = ["openid"]
}
