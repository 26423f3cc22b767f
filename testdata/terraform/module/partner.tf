# A client configured by another pipeline: its values are variables that
# have no value here, so they stay unknown (and are counted as not checked).
resource "aws_cognito_user_pool_client" "partner" {
  name                                 = "${var.environment}-partner"
  user_pool_id                         = aws_cognito_user_pool.main.id
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = var.partner_flows
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = var.partner_callbacks
  generate_secret                      = true
}
