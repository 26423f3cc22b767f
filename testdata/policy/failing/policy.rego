package org.failing

deny contains "always" if input.ClientId
