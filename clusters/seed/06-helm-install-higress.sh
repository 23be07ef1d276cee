# seed line 533: 步骤 3:在中间件集群部署 Higress (helm --set)
# 华南中间件集群
helm install higress-south higress.io/higress \
  -n higress-system \
  --set global.enableGatewayAPI=true \
  --set global.localClusterName=south \
  --set gateway.replicaCount=3 # 多实例部署
# 华北中间件集群
helm install higress-north higress.io/higress \
  -n higress-system \
  --set global.enableGatewayAPI=true \
  --set global.localClusterName=north \
  --set gateway.replicaCount=3 # 多实例部署
