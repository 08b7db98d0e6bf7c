/// The OpenAPI 3 document of `/api/v1`, served at `/api/v1/openapi.json`: the original API's contract, which
/// the end-to-end tests check every answer against and CI checks with openapi-spec-validator and schemathesis.
enum V1OpenAPIDocument {
    static let json = ##"""
{
  "openapi": "3.0.3",
  "info": {
    "title": "ocpctl original REST API",
    "version": "v1",
    "description": "The original cluster API, translated onto the declarative Cluster resource. Writes require an Idempotency-Key."
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "paths": {
    "/api/v1/clusters": {
      "post": {
        "operationId": "createCluster",
        "parameters": [
          {
            "name": "Idempotency-Key",
            "in": "header",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 128
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateClusterRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Cluster"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "get": {
        "operationId": "listClusters",
        "parameters": [
          {
            "name": "team",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "status",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/ClusterStatus"
            }
          },
          {
            "name": "platform",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "profile",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "owner",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 50
            }
          },
          {
            "name": "offset",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 1000000,
              "default": 0
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of the clusters the caller may read",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClusterList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/clusters/{id}": {
      "get": {
        "operationId": "getCluster",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The cluster",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Cluster"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/clusters/{id}/destroy": {
      "post": {
        "operationId": "destroyCluster",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "Idempotency-Key",
            "in": "header",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 128
            }
          }
        ],
        "responses": {
          "202": {
            "description": "Deletion requested",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Cluster"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/clusters/{id}/scale-workers": {
      "post": {
        "operationId": "scaleWorkers",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "Idempotency-Key",
            "in": "header",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 128
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ScaleWorkersRequest"
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "Scaling requested",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Cluster"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/clusters/{id}/outputs": {
      "get": {
        "operationId": "getClusterOutputs",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "URLs and references, never a credential",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Outputs"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/jobs/{id}": {
      "get": {
        "operationId": "getJob",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The job",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/reports/usage": {
      "get": {
        "operationId": "usageReport",
        "parameters": [
          {
            "name": "groupBy",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "team",
                "costCenter",
                "profile",
                "platform",
                "owner",
                "cluster"
              ]
            }
          },
          {
            "name": "period",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "day",
                "month",
                "total"
              ]
            }
          },
          {
            "name": "since",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^([0-9]+[smhd])+$"
            }
          },
          {
            "name": "from",
            "in": "query",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "to",
            "in": "query",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Hours and estimated cost per group and period",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UsageReport"
                }
              },
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer"
      }
    },
    "responses": {
      "Error": {
        "description": "An error in the original API's shape",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "ClusterStatus": {
        "type": "string",
        "enum": [
          "PENDING",
          "CREATING",
          "READY",
          "HIBERNATING",
          "HIBERNATED",
          "RESUMING",
          "DESTROYING",
          "DESTROYED",
          "FAILED"
        ]
      },
      "CreateClusterRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name",
          "platform",
          "profile",
          "team"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "platform": {
            "type": "string"
          },
          "version": {
            "type": "string"
          },
          "profile": {
            "type": "string"
          },
          "region": {
            "type": "string"
          },
          "baseDomain": {
            "type": "string"
          },
          "owner": {
            "type": "string"
          },
          "team": {
            "type": "string"
          },
          "costCenter": {
            "type": "string"
          },
          "ttlHours": {
            "type": "integer",
            "minimum": 1,
            "maximum": 8760
          }
        }
      },
      "ScaleWorkersRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "workers"
        ],
        "properties": {
          "workers": {
            "type": "integer",
            "minimum": 0,
            "maximum": 1000
          }
        }
      },
      "Cluster": {
        "type": "object",
        "required": [
          "id",
          "name",
          "platform",
          "profile",
          "team",
          "status"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "platform": {
            "type": "string"
          },
          "version": {
            "type": "string"
          },
          "profile": {
            "type": "string"
          },
          "region": {
            "type": "string"
          },
          "baseDomain": {
            "type": "string"
          },
          "owner": {
            "type": "string"
          },
          "team": {
            "type": "string"
          },
          "costCenter": {
            "type": "string"
          },
          "workers": {
            "type": "integer"
          },
          "status": {
            "$ref": "#/components/schemas/ClusterStatus"
          },
          "ttlHours": {
            "type": "integer"
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "destroyAt": {
            "type": "string",
            "format": "date-time"
          },
          "apiUrl": {
            "type": "string"
          },
          "consoleUrl": {
            "type": "string"
          },
          "lastJobId": {
            "type": "string"
          }
        }
      },
      "ClusterList": {
        "type": "object",
        "required": [
          "clusters",
          "total",
          "limit",
          "offset"
        ],
        "properties": {
          "clusters": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Cluster"
            }
          },
          "total": {
            "type": "integer"
          },
          "limit": {
            "type": "integer"
          },
          "offset": {
            "type": "integer"
          }
        }
      },
      "Outputs": {
        "type": "object",
        "required": [
          "clusterId"
        ],
        "properties": {
          "clusterId": {
            "type": "string"
          },
          "apiUrl": {
            "type": "string"
          },
          "consoleUrl": {
            "type": "string"
          },
          "kubeconfigDownloadUrl": {
            "type": "string"
          },
          "kubeadminPasswordRef": {
            "type": "string"
          }
        }
      },
      "Job": {
        "type": "object",
        "required": [
          "id",
          "clusterId",
          "type",
          "status",
          "attempt",
          "startedAt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "clusterId": {
            "type": "string"
          },
          "type": {
            "type": "string",
            "enum": [
              "CREATE",
              "DESTROY",
              "SCALE_WORKERS",
              "HIBERNATE",
              "RESUME"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "RUNNING",
              "SUCCEEDED",
              "FAILED"
            ]
          },
          "attempt": {
            "type": "integer"
          },
          "startedAt": {
            "type": "string",
            "format": "date-time"
          },
          "finishedAt": {
            "type": "string",
            "format": "date-time"
          },
          "error": {
            "type": "string"
          }
        }
      },
      "UsageRow": {
        "type": "object",
        "required": [
          "group",
          "period",
          "clusters",
          "runningHours",
          "hibernatedHours",
          "nodeHours",
          "estimatedCost"
        ],
        "properties": {
          "group": {
            "type": "string"
          },
          "period": {
            "type": "string"
          },
          "clusters": {
            "type": "integer"
          },
          "runningHours": {
            "type": "number"
          },
          "hibernatedHours": {
            "type": "number"
          },
          "nodeHours": {
            "type": "number"
          },
          "estimatedCost": {
            "type": "number"
          }
        }
      },
      "UsageReport": {
        "type": "object",
        "required": [
          "apiVersion",
          "kind",
          "groupBy",
          "period",
          "from",
          "to",
          "rows"
        ],
        "properties": {
          "apiVersion": {
            "type": "string"
          },
          "kind": {
            "type": "string"
          },
          "groupBy": {
            "type": "string"
          },
          "period": {
            "type": "string"
          },
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "rows": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/UsageRow"
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "code",
              "message"
            ],
            "properties": {
              "code": {
                "type": "string"
              },
              "message": {
                "type": "string"
              },
              "fields": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "field",
                    "message"
                  ],
                  "properties": {
                    "field": {
                      "type": "string"
                    },
                    "message": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
"""##
}
