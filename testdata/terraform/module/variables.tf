variable "environment" {
  type        = string
  description = "Deployment stage: dev, staging, prod"
}

variable "domain" {
  type        = string
  description = "Public domain of the web app"
}

variable "callback_urls" {
  type    = list(string)
  default = ["https://app.example.com/callback"]
}

variable "access_token_hours" {
  type    = number
  default = 1
}

variable "partner_callbacks" {
  type        = list(string)
  description = "Set by the partner pipeline"
}

variable "partner_flows" {
  type = list(string)
}
