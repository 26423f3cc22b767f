# A reusable module: every argument of the client comes from the caller.
variable "user_pool_id" {
  type = string
}

variable "name" {
  type = string
}

variable "callback_urls" {
  type = list(string)
}

variable "oauth_flows" {
  type = list(string)
}

resource "aws_cognito_user_pool_client" "this" {
  name                                 = var.name
  user_pool_id                         = var.user_pool_id
  callback_urls                        = var.callback_urls
  allowed_oauth_flows                  = var.oauth_flows
  allowed_oauth_flows_user_pool_client = var.oauth_flows != null
}
