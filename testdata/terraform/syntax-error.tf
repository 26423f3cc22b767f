resource "aws_cognito_user_pool_client" "broken" {
  name = "x"
  callback_urls = ["https://a.example.com"
}
