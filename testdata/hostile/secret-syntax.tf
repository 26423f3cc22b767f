resource "aws_cognito_user_pool_client" "c" {
  name = "web"
  client_secret = "Zq8sK1secretHCLsyntax" {{{
}
